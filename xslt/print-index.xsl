<?xml version="1.0" encoding="UTF-8"?>
<!--
  print-index.xsl: the back-of-book index of the print edition, in Typst
  (imported by print.xsl, which imports common.xsl and print-escape.xsl
  before it).

  What the index holds comes from the shared model: one part per kind whose
  row in the kinds table has index="yes" (persons, places, organisations),
  each the items of ed:index-entries($kind), entries and "see" references
  sorted together. An entry gives its heading (ed:index-heading: "Surname,
  Forenames", one rule for every name), in one pair of parentheses the life
  span of a person and the entry's other names, and its pages; where
  the text uses more than one form of the name, a sub-entry per form
  ("as “Anvar Posho”") gives that form's pages.

  Pages: the anchors of the mentions (ed:anchor) go to print.typ's
  pages-of, which Typst resolves to the pages they are on, each page once,
  each linked to the first mention on it. The two columns of each part are
  balanced by print.typ's index-columns.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:pr="urn:x-anvar-posho-edition:print"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:template name="pr:index">
    <xsl:text>#pagebreak(weak: true)&#10;#heading(level: 1)[Index]&#10;&#10;</xsl:text>
    <xsl:text>#par(first-line-indent: 0em, text(size: 9.5pt)[</xsl:text>
    <xsl:value-of select="pr:markup('Persons, places and organisations named in the article, with the pages of this print on '
      || 'which they are named (the title page, abstract, keywords, text, tables and reference list). '
      || 'Other names of an entry follow it in parentheses; the forms the text uses are listed under it.')"/>
    <xsl:text>])&#10;&#10;</xsl:text>
    <xsl:for-each select="$ed:kind-table/ed:kind[@index = 'yes']/@name ! string(.)">
      <xsl:value-of select="'#heading(level: 2)[' || pr:markup(ed:kind-label(., true())) || ']&#10;&#10;'"/>
      <xsl:text>#index-columns[&#10;</xsl:text>
      <xsl:for-each select="ed:index-entries(.)">
        <xsl:choose>
          <xsl:when test="?type eq 'entry'"><xsl:call-template name="pr:index-entry"/></xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="'#index-entry[' || pr:name(?name, ?lang) || ' #emph[see] #link(label('
                                  || pr:string('ix-' || ?id) || '))[' || pr:markup(?heading) || ']]&#10;'"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:text>]&#10;&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- An entry (the context item, a map of ed:index-entries). -->
  <xsl:template name="pr:index-entry">
    <xsl:variable name="entry" select="?entry"/>
    <!-- One pair of parentheses: a qualifier of the heading ("Bukhara (region)"), the
         life span, then the other names. -->
    <xsl:variable name="qualified" select="matches(?heading, '\s\([^()]+\)$')"/>
    <xsl:variable name="name" select="if ($qualified) then replace(?heading, '\s\(([^()]+)\)$', '') else ?heading"/>
    <xsl:variable name="aside" as="xs:string*"
      select="(if ($qualified) then pr:markup(replace(?heading, '^.*\s\(([^()]+)\)$', '$1')) else (),
               ?life[. ne ''] ! pr:markup(.),
               string-join(?variants ! pr:name(., pr:name-lang($entry, .)), pr:markup(', '))[. ne ''])"/>
    <xsl:value-of select="'#index-entry[#anchor(' || pr:string('ix-' || ?id) || ')' || pr:markup($name)"/>
    <xsl:if test="exists($aside)">
      <xsl:value-of select="pr:markup(' (') || string-join($aside, pr:markup('; ')) || pr:markup(')')"/>
    </xsl:if>
    <xsl:value-of select="pr:markup(', ') || pr:pages(?mentions)"/>
    <xsl:if test="exists(?see-also)">
      <xsl:value-of select="pr:markup('; ') || '#emph[see also] '
        || string-join(?see-also ! ('#link(label(' || pr:string('ix-' || @xml:id) || '))[' || pr:markup(ed:index-heading(.)) || ']'), ', ')"/>
    </xsl:if>
    <xsl:text>]&#10;</xsl:text>
    <xsl:for-each select="?forms">
      <xsl:value-of select="'#index-sub[as “' || pr:name(?form, ?lang) || '”' || pr:markup(', ') || pr:pages(?mentions) || ']&#10;'"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A name, in its language if it has one. -->
  <xsl:function name="pr:name" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:sequence select="if (exists($lang) and $lang ne $ed:language) then '#in-lang(' || pr:string($lang) || ')[' || pr:markup($name) || ']'
                          else pr:markup($name)"/>
  </xsl:function>

  <!-- The language of one of an entry's names, if it has one. -->
  <xsl:function name="pr:name-lang" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="($entry/(persName | placeName | orgName)[normalize-space(.) eq $name]/@xml:lang)[1] ! string(.)"/>
  </xsl:function>

  <!-- The pages of the mentions, each once, linked (print.typ's pages-of). -->
  <xsl:function name="pr:pages" as="xs:string">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:sequence select="'#pages-of((' || string-join($mentions ! (pr:string(ed:anchor(.)) || ','), ' ') || '))'"/>
  </xsl:function>

</xsl:stylesheet>
