import { LINK_MACRO, YEAR_MACRO } from './shared-macros.ts';

/**
 * Chicago Manual of Style, author-date: the first author family name first, up to ten authors
 * (more: seven and "et al."), the year after the authors, titles in headline case and quotes,
 * preprints followed by their arXiv number and URL.
 */
export const CHICAGO_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="display-and-sort" default-locale="en-US">
  <info>
    <title>Chicago author-date (Papershelf)</title>
    <id>papershelf-chicago-author-date</id>
    <updated>2026-11-29T00:00:00+00:00</updated>
  </info>
  <macro name="author">
    <names variable="author">
      <name and="text" delimiter=", " delimiter-precedes-last="always" name-as-sort-order="first" sort-separator=", " et-al-min="11" et-al-use-first="7"/>
      <et-al/>
    </names>
  </macro>
  <macro name="author-short">
    <names variable="author">
      <name form="short" and="text" delimiter=", " et-al-min="4" et-al-use-first="1"/>
    </names>
  </macro>
  ${YEAR_MACRO}
  <macro name="where">
    <choose>
      <if type="article">
        <group delimiter=". ">
          <text variable="number"/>
          <group delimiter=", ">
            <text value="Preprint"/>
            <text variable="publisher"/>
          </group>
        </group>
      </if>
      <else-if type="paper-conference chapter" match="any">
        <text variable="container-title" font-style="italic" prefix="In "/>
      </else-if>
      <else>
        <text variable="container-title" font-style="italic"/>
      </else>
    </choose>
  </macro>
  ${LINK_MACRO}
  <citation et-al-min="4" et-al-use-first="1" disambiguate-add-year-suffix="true">
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=" ">
        <text macro="author-short"/>
        <text macro="year"/>
      </group>
    </layout>
  </citation>
  <bibliography hanging-indent="true" entry-spacing="0">
    <sort>
      <key macro="author"/>
      <key variable="issued"/>
    </sort>
    <layout suffix=".">
      <group delimiter=". ">
        <text macro="author"/>
        <text macro="year"/>
        <text variable="title" text-case="title" quotes="true"/>
        <text macro="where"/>
        <text macro="link"/>
      </group>
    </layout>
  </bibliography>
</style>`;
