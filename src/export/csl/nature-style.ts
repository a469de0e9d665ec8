/**
 * Nature reference style (numeric): "Family, I." names joined with "&", five authors at most before
 * "et al.", the title unquoted, the journal in italics, the year in parentheses at the end; preprints
 * read "Preprint at <URL>".
 */
export const NATURE_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" demote-non-dropping-particle="sort-only" default-locale="en-US">
  <info>
    <title>Nature (Papershelf)</title>
    <id>papershelf-nature</id>
    <updated>2026-11-29T00:00:00+00:00</updated>
  </info>
  <macro name="author">
    <names variable="author">
      <name and="symbol" delimiter=", " delimiter-precedes-last="never" initialize-with=". " name-as-sort-order="all" sort-separator=", " et-al-min="6" et-al-use-first="1"/>
      <et-al font-style="italic"/>
    </names>
  </macro>
  <macro name="where">
    <choose>
      <if type="article">
        <choose>
          <if variable="DOI"><text variable="DOI" prefix="Preprint at https://doi.org/"/></if>
          <else-if variable="URL"><text variable="URL" prefix="Preprint at "/></else-if>
          <else><text variable="number"/></else>
        </choose>
      </if>
      <else>
        <group delimiter=" ">
          <text variable="container-title" font-style="italic"/>
          <text variable="DOI" prefix="https://doi.org/"/>
        </group>
      </else>
    </choose>
  </macro>
  <citation collapse="citation-number">
    <sort><key variable="citation-number"/></sort>
    <layout delimiter="," vertical-align="sup"><text variable="citation-number"/></layout>
  </citation>
  <bibliography entry-spacing="0" second-field-align="flush" et-al-min="6" et-al-use-first="1">
    <layout>
      <text variable="citation-number" suffix="."/>
      <group delimiter=" ">
        <text macro="author" suffix="."/>
        <text variable="title" suffix="."/>
        <text macro="where"/>
        <date variable="issued" prefix="(" suffix=").">
          <date-part name="year"/>
        </date>
      </group>
    </layout>
  </bibliography>
</style>`;
