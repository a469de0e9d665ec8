/** CSL macros several built-in styles share, spliced into their XML. */

/** The year of publication, or the locale's "n.d.". */
export const YEAR_MACRO = `<macro name="year">
    <choose>
      <if variable="issued">
        <date variable="issued"><date-part name="year"/></date>
      </if>
      <else><text term="no date" form="short"/></else>
    </choose>
  </macro>`;

/** The DOI as a resolver URL when there is one, else the paper's URL. */
export const LINK_MACRO = `<macro name="link">
    <choose>
      <if variable="DOI"><text variable="DOI" prefix="https://doi.org/"/></if>
      <else><text variable="URL"/></else>
    </choose>
  </macro>`;
