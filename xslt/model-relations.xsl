<?xml version="1.0" encoding="UTF-8"?>
<!--
  model-relations.xsl: relations, affiliations and provenance in the shared
  model, included by common.xsl. The data writers (data-relations.xsl,
  data-graph.xsl) and the HTML cards read them from here.

  Functions:
    ed:relations-of($entry) as element(relation)*   the relations an entry is a party of
    ed:relation-parties($relation) as xs:string*     the ids of its parties (active, passive | mutual)
    ed:relation-others($relation, $entry) as element()*   the other parties, as entries
    ed:relation-phrase($relation, $entry) as xs:string    the relation read from the entry's side
    ed:affiliation-org($affiliation) as element(org)?     the organisation of an affiliation
    ed:source-of($fact) as element()?                the source of a fact: its @source, else its entry's
    ed:source-kind($source) as xs:string?            'article' or 'editors'
    ed:source-label($source) as xs:string?           ¶8, Table 2, The edition's authority file, Lee 2018
    ed:relation-id($link) as xs:string               r1, r2... for relations, a1, a2... for affiliations
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- Relations by the id of each of their parties. -->
  <xsl:key name="ed:relations-by-party" match="relation"
    use="tokenize(normalize-space(string-join((@active, @passive, @mutual), ' '))) ! substring(., 2)"/>

  <!-- How a relation reads from each side: name -> (active's phrase, passive's phrase);
       a symmetric relation reads the same from both sides. -->
  <xsl:variable name="ed:relation-phrases" as="map(xs:string, xs:string+)" select="map{
    'revoltedAgainst': ('revolted against', 'faced a revolt by'),
    'cooperatedWith': ('cooperated with', 'cooperated with'),
    'rivalOf': ('rival of', 'rival of'),
    'collaboratedWith': ('collaborated with', 'collaborated with'),
    'killed': ('killed', 'killed by'),
    'aliasOf': ('alleged alias of', 'allegedly used the alias'),
    'participatedIn': ('took part in', 'participants'),
    'locatedIn': ('located in', 'includes')}"/>

  <xsl:function name="ed:relations-of" as="element(relation)*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="key('ed:relations-by-party', string($entry/@xml:id), $ed:tei)"/>
  </xsl:function>

  <xsl:function name="ed:relation-parties" as="xs:string*">
    <xsl:param name="relation" as="element(relation)"/>
    <xsl:sequence select="tokenize(normalize-space(string-join(($relation/@active, $relation/@passive, $relation/@mutual), ' '))) ! ed:id(.)"/>
  </xsl:function>

  <xsl:function name="ed:relation-others" as="element()*">
    <xsl:param name="relation" as="element(relation)"/>
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="ed:relation-parties($relation)[. ne string($entry/@xml:id)] ! key('ed:by-id', ., $ed:tei)"/>
  </xsl:function>

  <xsl:function name="ed:relation-phrase" as="xs:string">
    <xsl:param name="relation" as="element(relation)"/>
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="phrases" select="$ed:relation-phrases(string($relation/@name))"/>
    <xsl:sequence select="if (ed:id($relation/@passive) eq string($entry/@xml:id)) then $phrases[2] else $phrases[1]"/>
  </xsl:function>

  <xsl:function name="ed:affiliation-org" as="element(org)?">
    <xsl:param name="affiliation" as="element(affiliation)"/>
    <xsl:sequence select="(($affiliation/@ref, $affiliation/orgName/@ref)[1] ! ed:target(.))[self::org]"/>
  </xsl:function>

  <xsl:function name="ed:source-of" as="element()?">
    <xsl:param name="fact" as="element()"/>
    <xsl:sequence select="($fact/ancestor-or-self::*[@source][1]/@source ! ed:target(.))[1]"/>
  </xsl:function>

  <xsl:function name="ed:source-kind" as="xs:string?">
    <xsl:param name="source" as="element()?"/>
    <xsl:sequence select="if (empty($source)) then ()
      else if ($source/ancestor::sourceDesc) then 'editors' else 'article'"/>
  </xsl:function>

  <xsl:function name="ed:source-label" as="xs:string?">
    <xsl:param name="source" as="element()?"/>
    <xsl:sequence select="
      if (empty($source)) then ()
      else if ($source/ancestor::sourceDesc) then
        (if ($source/author) then normalize-space(tokenize(normalize-space($source/author[1]), ' ')[last()]
                                  || ' ' || substring(string($source/date[1]/@when), 1, 4))
         else normalize-space(substring-before(normalize-space($source) || ':', ':')))
      else (ed:unit($source) ! ed:unit-label(.), ed:label($source))[1]"/>
  </xsl:function>

  <!-- Numbered within standOff only (xsl:number), so the cost does not grow with the text. -->
  <xsl:function name="ed:relation-id" as="xs:string">
    <xsl:param name="link" as="element()"/>
    <xsl:choose>
      <xsl:when test="$link/self::relation">
        <xsl:variable name="n"><xsl:number select="$link" level="any" count="relation" from="standOff"/></xsl:variable>
        <xsl:sequence select="'r' || $n"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="n"><xsl:number select="$link" level="any" count="listPerson/person/affiliation" from="standOff"/></xsl:variable>
        <xsl:sequence select="'a' || $n"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

</xsl:stylesheet>
