import { LINK_MACRO } from './shared-macros.ts';

/**
 * APA 7th edition references for the record types Papershelf exports (preprints, journal articles,
 * conference papers): "Family, I., & Family, I. (Year). Title (arXiv:ID). arXiv. URL". The Citation
 * Style Language project's full APA style, which citeproc-js needs seconds to compile, can be added
 * as a CSL style file for the record types not covered here.
 */
export const APA_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="never" initialize-with-hyphen="false" default-locale="en-US">
  <info>
    <title>APA 7th edition (Papershelf)</title>
    <id>papershelf-apa</id>
    <updated>2026-11-29T00:00:00+00:00</updated>
  </info>
  <macro name="author">
    <names variable="author">
      <name and="symbol" delimiter=", " delimiter-precedes-last="always" initialize-with=". " name-as-sort-order="all" sort-separator=", " et-al-min="21" et-al-use-first="19" et-al-use-last="true"/>
    </names>
  </macro>
  <macro name="issued">
    <choose>
      <if variable="issued">
        <date variable="issued" prefix="(" suffix=")"><date-part name="year"/></date>
      </if>
      <else><text term="no date" form="short" prefix="(" suffix=")"/></else>
    </choose>
  </macro>
  <macro name="title">
    <choose>
      <if type="article">
        <group delimiter=" ">
          <text variable="title" font-style="italic"/>
          <text variable="number" prefix="(" suffix=")"/>
        </group>
      </if>
      <else><text variable="title"/></else>
    </choose>
  </macro>
  <macro name="source">
    <choose>
      <if type="article"><text variable="publisher"/></if>
      <else-if type="paper-conference chapter" match="any">
        <text variable="container-title" font-style="italic" prefix="In "/>
      </else-if>
      <else><text variable="container-title" font-style="italic"/></else>
    </choose>
  </macro>
  ${LINK_MACRO}
  <citation et-al-min="3" et-al-use-first="1">
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=", ">
        <names variable="author"><name form="short" and="symbol" delimiter=", "/></names>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </citation>
  <bibliography hanging-indent="true" entry-spacing="0">
    <sort>
      <key macro="author"/>
      <key variable="issued"/>
    </sort>
    <layout>
      <group delimiter=" ">
        <text macro="author"/>
        <text macro="issued" suffix="."/>
        <group delimiter=". " suffix=".">
          <text macro="title"/>
          <text macro="source"/>
        </group>
        <text macro="link"/>
      </group>
    </layout>
  </bibliography>
</style>`;
