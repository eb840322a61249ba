<?xml version="1.0" encoding="UTF-8"?>
<!--
  print-index.xsl: the back-of-book index of the print edition, in Typst
  (imported by print.xsl, which imports common.xsl and print-escape.xsl
  before it).

  One part per kind (persons, places, organisations). Each part lists its
  register entries that are mentioned in the text, and "see" references from
  the other names of an entry, all sorted together by ed:sort-key (diacritics
  and an initial article ignored). An entry line gives the name as indexed,
  the other names of the register in parentheses, for persons the life
  dates, and the pages; where the text uses more than one form of the name,
  a sub-entry per form ("as ‘Anvar Posho’") gives that form's pages.

  Pages: the anchors of the mentions (ed:mention-id) go to print.typ's
  pages-of, which Typst resolves to the pages they are on, each page once,
  each linked to the first mention on it.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:pr="urn:x-anvar-posho-edition:print"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- A sort key without case, diacritics or an initial article. -->
  <xsl:function name="pr:sort-norm" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace(normalize-unicode(lower-case(replace(normalize-space($text), '^(the|a|an)\s+', '', 'i')), 'NFD'), '\p{M}', '')"/>
  </xsl:function>

  <!-- The name as an index heading: "Surname, Forenames"; "Caliph, the". -->
  <xsl:function name="pr:index-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="main" select="($entry/(persName | placeName | orgName)[@type = 'main'])[1]"/>
    <xsl:variable name="label" select="ed:label($entry)"/>
    <xsl:sequence select="
      if ($main/surname and $main/(forename | addName)) then
        normalize-space($main/surname) || ', ' || normalize-space(string-join($main/(forename | addName), ' '))
      else if (matches($label, '^the\s', 'i')) then replace($label, '^(the)\s+(.*)$', '$2, $1', 'i')
      else $label"/>
  </xsl:function>

  <!-- Life dates of a person: (1881–1922), (1889–1931/1932). -->
  <xsl:function name="pr:life-dates" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="born" select="distinct-values($entry/birth/@when ! substring(., 1, 4))"/>
    <xsl:variable name="died" select="distinct-values($entry/death/@when ! substring(., 1, 4))"/>
    <xsl:sequence select="if (empty($born) and empty($died)) then ()
      else '(' || (if (exists($born)) then string-join($born, '/') else '?') || '–'
               || string-join($died, '/') || ')'"/>
  </xsl:function>

  <!-- The language of a name of an entry, if it has one. -->
  <xsl:function name="pr:name-lang" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="($entry/(persName | placeName | orgName)[normalize-space(.) eq $name]/@xml:lang)[1] ! string(.)"/>
  </xsl:function>

  <xsl:template name="pr:index">
    <xsl:text>#pagebreak(weak: true)&#10;#heading(level: 1)[Index]&#10;&#10;</xsl:text>
    <xsl:text>#par(first-line-indent: 0em, text(size: 9.5pt)[</xsl:text>
    <xsl:value-of select="pr:markup('Persons, places and organisations named in the article, with the pages of this print on '
      || 'which they are named (the title page, abstract, keywords, text, tables and reference list). '
      || 'Other names of an entry follow it in parentheses; the forms the text uses are listed under it.')"/>
    <xsl:text>])&#10;&#10;</xsl:text>
    <xsl:for-each select="('person', 'place', 'org')">
      <xsl:variable name="kind" select="."/>
      <xsl:variable name="entries" select="($ed:persons, $ed:places, $ed:orgs)[ed:kind(.) eq $kind][exists(ed:mentions(.))]"/>
      <xsl:value-of select="'#heading(level: 2)[' || pr:markup(ed:kind-label($kind, true())) || ']&#10;&#10;'"/>
      <xsl:text>#index-columns[&#10;</xsl:text>
      <xsl:call-template name="pr:index-items">
        <xsl:with-param name="entries" select="$entries"/>
      </xsl:call-template>
      <xsl:text>]&#10;&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="pr:index-items">
    <xsl:param name="entries" as="element()*"/>
    <xsl:variable name="labels" select="$entries ! ed:label(.)"/>
    <xsl:variable name="items" as="map(*)*">
      <xsl:for-each select="$entries">
        <xsl:variable name="entry" select="."/>
        <xsl:sequence select="map{'kind': 'entry', 'key': pr:sort-norm(ed:sort-key(.)) || ' ' || pr:sort-norm(ed:label(.)),
                                  'id': string(@xml:id), 'entry': .}"/>
        <xsl:for-each select="ed:variants(.)[not(. = $labels)]">
          <xsl:sequence select="map{'kind': 'see', 'key': pr:sort-norm(.), 'name': ., 'id': string($entry/@xml:id),
                                    'entry': $entry}"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="sorted" select="sort($items, (), function($i) { $i?key })"/>
    <xsl:for-each select="$sorted">
      <xsl:variable name="i" select="position()"/>
      <xsl:choose>
        <xsl:when test="?kind eq 'entry'">
          <xsl:call-template name="pr:index-entry">
            <xsl:with-param name="entry" select="?entry"/>
            <xsl:with-param name="entries" select="$entries"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <!-- A "see" reference that would stand next to its entry is left out. -->
          <xsl:variable name="before" select="($sorted[position() lt $i][?kind eq 'entry'])[last()]"/>
          <xsl:variable name="after" select="($sorted[position() gt $i][?kind eq 'entry'])[1]"/>
          <xsl:if test="empty(($before, $after)[?id eq current()?id])">
            <xsl:text>#index-entry[</xsl:text>
            <xsl:call-template name="pr:name-in-lang">
              <xsl:with-param name="lang" select="pr:name-lang(?entry, ?name)"/>
              <xsl:with-param name="name" select="?name"/>
            </xsl:call-template>
            <xsl:value-of select="' #emph[see] #link(label(' || pr:string('ix-' || ?id) || '))[' || pr:markup(pr:index-name(?entry)) || ']]&#10;'"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A name, in its language if it has one. -->
  <xsl:template name="pr:name-in-lang">
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:value-of select="if (exists($lang)) then '#in-lang(' || pr:string($lang) || ')[' || pr:markup($name) || ']'
                          else pr:markup($name)"/>
  </xsl:template>

  <xsl:template name="pr:index-entry">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="entries" as="element()*"/>
    <xsl:variable name="mentions" select="ed:mentions($entry)"/>
    <xsl:variable name="variants" select="ed:variants($entry)"/>
    <!-- Other entries whose name is one of this entry's other names. -->
    <xsl:variable name="see-also" select="$entries[ed:label(.) = ed:variants($entry) or ed:label($entry) = ed:variants(.)] except $entry"/>
    <xsl:value-of select="'#index-entry[#anchor(' || pr:string('ix-' || $entry/@xml:id) || ')' || pr:markup(pr:index-name($entry))"/>
    <xsl:for-each select="pr:life-dates($entry)">
      <xsl:value-of select="pr:markup(' ' || .)"/>
    </xsl:for-each>
    <xsl:if test="exists($variants)">
      <xsl:text> \(</xsl:text>
      <xsl:for-each select="$variants">
        <xsl:if test="position() gt 1">\; </xsl:if>
        <xsl:call-template name="pr:name-in-lang">
          <xsl:with-param name="lang" select="pr:name-lang($entry, .)"/>
          <xsl:with-param name="name" select="."/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:text>\)</xsl:text>
    </xsl:if>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="pr:locators">
      <xsl:with-param name="mentions" select="$mentions"/>
    </xsl:call-template>
    <xsl:if test="exists($see-also)">
      <xsl:text>\; #emph[see also] </xsl:text>
      <xsl:for-each select="$see-also">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:value-of select="'#link(label(' || pr:string('ix-' || @xml:id) || '))[' || pr:markup(pr:index-name(.)) || ']'"/>
      </xsl:for-each>
    </xsl:if>
    <xsl:text>]&#10;</xsl:text>
    <!-- The forms of the name the text uses, when there is more than one. -->
    <xsl:variable name="forms" as="array(element())*">
      <xsl:for-each-group select="$mentions" group-by="lower-case(normalize-space(.))">
        <xsl:sort select="pr:sort-norm(current-grouping-key())"/>
        <xsl:sequence select="array{current-group()}"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:if test="count($forms) gt 1">
      <xsl:for-each select="$forms">
        <xsl:variable name="group" select="?*"/>
        <!-- Show the form as the text prints it outside capitals when it can. -->
        <xsl:variable name="shown" select="($group[normalize-space(.) ne upper-case(normalize-space(.))], $group)[1]"/>
        <xsl:text>#index-sub[as “</xsl:text>
        <xsl:call-template name="pr:name-in-lang">
          <xsl:with-param name="lang" select="$shown/@xml:lang ! string(.)"/>
          <xsl:with-param name="name" select="normalize-space($shown)"/>
        </xsl:call-template>
        <xsl:text>”, </xsl:text>
        <xsl:call-template name="pr:locators">
          <xsl:with-param name="mentions" select="$group"/>
        </xsl:call-template>
        <xsl:text>]&#10;</xsl:text>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- The pages of the mentions, each once, linked (print.typ's pages-of). -->
  <xsl:template name="pr:locators">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:value-of select="'#pages-of((' || string-join($mentions ! (pr:string(ed:mention-id(.)) || ','), ' ') || '))'"/>
  </xsl:template>

</xsl:stylesheet>
