<?xml version="1.0" encoding="UTF-8"?>
<!--
  data-relations.xsl: the relations (listRelation) and the affiliations of the
  register of persons as records (the XML representation of JSON, see
  data-serialize.xsl), included by data.xsl, which writes them as
  relations.json / relations.csv and affiliations.json / affiliations.csv.
  data-graph.xsl builds the network graph from the same records, so the
  three files always agree. The records are documented in
  schema/data/relations.schema.json and schema/data/affiliations.schema.json.

  Provenance: every record names its source (the @source of the relation or
  affiliation, else that of the person entry) as an id, a kind ("article":
  a paragraph, table or title page of the text; "editors": one of the
  editors' sources in the header's sourceDesc) and a short label (¶8,
  Table 2, The edition's authority file, Lee 2018).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:j="http://www.w3.org/2005/xpath-functions"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:dx="urn:x-anvar-posho-edition:data"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- Every relation of the standoff lists, in document order. -->
  <xsl:variable name="dx:relations" as="element(relation)*" select="$ed:tei/standOff/listRelation/relation"/>

  <!-- Every affiliation of a register person, in document order. -->
  <xsl:variable name="dx:affiliations" as="element(affiliation)*" select="$ed:persons/affiliation"/>

  <!-- The stable id of a relation or affiliation record: r1, r2... / a1, a2...
       in document order (relations and affiliations have no xml:id). -->
  <xsl:function name="dx:link-id" as="xs:string">
    <xsl:param name="link" as="element()"/>
    <xsl:sequence select="if ($link/self::relation)
      then 'r' || (count($link/preceding::relation) + 1)
      else 'a' || (count($link/preceding::affiliation[ancestor::listPerson]) + 1)"/>
  </xsl:function>

  <!-- The source a fact comes from: its own @source, else that of its entry. -->
  <xsl:function name="dx:source-of" as="element()?">
    <xsl:param name="fact" as="element()"/>
    <xsl:sequence select="($fact/ancestor-or-self::*[@source][1]/@source ! ed:target(.))[1]"/>
  </xsl:function>

  <!-- "article" (the text) or "editors" (the editors' sources in sourceDesc). -->
  <xsl:function name="dx:source-kind" as="xs:string?">
    <xsl:param name="source" as="element()?"/>
    <xsl:sequence select="if (empty($source)) then ()
      else if ($source/ancestor::sourceDesc) then 'editors' else 'article'"/>
  </xsl:function>

  <xsl:function name="dx:source-label" as="xs:string?">
    <xsl:param name="source" as="element()?"/>
    <xsl:sequence select="
      if (empty($source)) then ()
      else if ($source/ancestor::sourceDesc) then
        (if ($source/author) then normalize-space(tokenize(normalize-space($source/author[1]), ' ')[last()]
                                  || ' ' || substring(string($source/date[1]/@when), 1, 4))
         else normalize-space(substring-before(normalize-space($source) || ':', ':')))
      else (ed:unit($source) ! ed:unit-label(.), ed:label($source))[1]"/>
  </xsl:function>

  <xsl:function name="dx:source-members" as="element()+">
    <xsl:param name="fact" as="element()"/>
    <xsl:variable name="source" select="dx:source-of($fact)"/>
    <xsl:sequence select="
      dx:s('source', $source/@xml:id),
      dx:s('sourceKind', dx:source-kind($source)),
      dx:s('sourceLabel', dx:source-label($source)),
      dx:s('responsibility', ($fact/ancestor-or-self::*[@resp][1]/@resp ! ed:id(.))[1])"/>
  </xsl:function>

  <!-- The dates of a relation or affiliation, as encoded and as a range whose
       open ends stay empty (a relation known only to end by 1921 has no start). -->
  <xsl:function name="dx:period-members" as="element()+">
    <xsl:param name="dated" as="element()"/>
    <xsl:sequence select="
      dx:s('when', string($dated/@when)),
      dx:s('from', string($dated/@from)),
      dx:s('to', string($dated/@to)),
      dx:s('notBefore', string($dated/@notBefore)),
      dx:s('notAfter', string($dated/@notAfter)),
      dx:s('start', ($dated/@when, $dated/@from, $dated/@notBefore)[1]),
      dx:s('end', ($dated/@when, $dated/@to, $dated/@notAfter)[1]),
      dx:s('certainty', string($dated/@cert))"/>
  </xsl:function>

  <!-- A boolean member. -->
  <xsl:function name="dx:flag" as="element(j:boolean)">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="xs:boolean"/>
    <j:boolean key="{$key}"><xsl:value-of select="$value"/></j:boolean>
  </xsl:function>

  <!-- One party of a relation: id, kind (person, org, place, event) and label. -->
  <xsl:function name="dx:party" as="element(j:map)">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="entry" select="ed:target($pointer)"/>
    <xsl:sequence select="dx:map((), (
      dx:s('id', ed:id($pointer)),
      dx:s('kind', $entry ! ed:kind(.)),
      dx:s('label', $entry ! ed:label(.))))"/>
  </xsl:function>

  <xsl:function name="dx:relation" as="element(j:map)">
    <xsl:param name="relation" as="element(relation)"/>
    <xsl:sequence select="dx:map((), (
      dx:s('id', dx:link-id($relation)),
      dx:s('type', string($relation/../@type)),
      dx:s('name', string($relation/@name)),
      dx:flag('directed', exists($relation/@active)),
      dx:array('active', $relation/@active ! dx:party(.)),
      dx:array('passive', $relation/@passive ! dx:party(.)),
      dx:array('mutual', tokenize($relation/@mutual) ! dx:party(.)),
      dx:period-members($relation),
      dx:source-members($relation),
      dx:s('description', normalize-space($relation/desc)[. ne ''])))"/>
  </xsl:function>

  <xsl:variable name="dx:relation-columns" as="xs:string+" select="
    'id', 'type', 'name', 'directed', 'active_id', 'active_label', 'passive_id', 'passive_label',
    'mutual_id', 'mutual_label', 'start', 'end', 'certainty', 'source', 'sourceKind', 'sourceLabel',
    'description'"/>

  <xsl:function name="dx:affiliation" as="element(j:map)">
    <xsl:param name="affiliation" as="element(affiliation)"/>
    <xsl:variable name="person" select="$affiliation/ancestor::person"/>
    <xsl:variable name="org" select="($affiliation/@ref, $affiliation/orgName/@ref)[1] ! ed:target(.)"/>
    <xsl:sequence select="dx:map((), (
      dx:s('id', dx:link-id($affiliation)),
      dx:s('personId', string($person/@xml:id)),
      dx:s('person', ed:label($person)),
      dx:s('orgId', $org/@xml:id),
      dx:s('org', $org ! ed:label(.)),
      dx:s('description', normalize-space($affiliation)),
      dx:period-members($affiliation),
      dx:source-members($affiliation)))"/>
  </xsl:function>

  <xsl:variable name="dx:affiliation-columns" as="xs:string+" select="
    'id', 'personId', 'person', 'orgId', 'org', 'description', 'start', 'end', 'certainty',
    'source', 'sourceKind', 'sourceLabel'"/>

</xsl:stylesheet>
