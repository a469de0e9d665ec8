import { YEAR_MACRO } from './shared-macros.ts';

/**
 * IEEE reference style (numeric, IEEE Reference Guide): initials before family names, six authors
 * at most before "et al.", titles in quotes as written. Covers the record types Papershelf exports.
 */
export const IEEE_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="sort-only" initialize-with-hyphen="false" default-locale="en-US">
  <info>
    <title>IEEE (Papershelf)</title>
    <id>papershelf-ieee</id>
    <updated>2026-11-29T00:00:00+00:00</updated>
  </info>
  <macro name="author">
    <names variable="author">
      <name and="text" delimiter=", " delimiter-precedes-last="contextual" initialize-with=". " et-al-min="7" et-al-use-first="1"/>
      <et-al font-style="italic"/>
    </names>
  </macro>
  ${YEAR_MACRO}
  <macro name="identifier">
    <choose>
      <if variable="DOI"><text variable="DOI" prefix="doi: "/></if>
      <else-if variable="number"><text variable="number"/></else-if>
      <else-if variable="URL">
        <group delimiter=" ">
          <text value="[Online]. Available:"/>
          <text variable="URL"/>
        </group>
      </else-if>
    </choose>
  </macro>
  <citation collapse="citation-number">
    <sort><key variable="citation-number"/></sort>
    <layout delimiter=", " prefix="[" suffix="]"><text variable="citation-number"/></layout>
  </citation>
  <bibliography entry-spacing="0" second-field-align="flush">
    <layout suffix=".">
      <text variable="citation-number" prefix="[" suffix="]"/>
      <group delimiter=", ">
        <text macro="author"/>
        <text variable="title" quotes="true"/>
        <choose>
          <if type="paper-conference chapter" match="any">
            <text variable="container-title" font-style="italic" prefix="in "/>
          </if>
          <else>
            <text variable="container-title" font-style="italic"/>
          </else>
        </choose>
        <text macro="year"/>
        <text macro="identifier"/>
      </group>
    </layout>
  </bibliography>
</style>`;
