<?xml version="1.0" encoding="UTF-8"?>
<!--
  data-relations.xsl: the relations (listRelation) and the affiliations of the
  register of persons as records (the XML representation of JSON, see
  data-serialize.xsl), included by data.xsl. The relations are a kind of the
  kinds table (model-kinds.xsl): data.xsl writes relations.json / .csv with
  the other registers, and affiliations.json / .csv and graph.graphml, the
  relation kind's further files, by the named templates here and in
  data-graph.xsl. What relations and sources mean is the model's
  (model-relations.xsl).
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

  <!-- The relation kind of the kinds table (model-kinds.xsl): its records and columns. -->
  <xsl:template match="relation" mode="dx:record"><xsl:sequence select="dx:relation(.)"/></xsl:template>
  <xsl:template match="ed:kind[@data = 'relations']" mode="dx:columns"><xsl:sequence select="$dx:relation-columns"/></xsl:template>

  <!-- Every affiliation of a register person, in document order. -->
  <xsl:variable name="dx:affiliations" as="element(affiliation)*" select="$ed:persons/affiliation"/>

  <!-- Where a fact comes from (model-relations.xsl): id, kind, label, and the
       agent responsible when it is the editors' own. -->
  <xsl:function name="dx:source-members" as="element()+">
    <xsl:param name="fact" as="element()"/>
    <xsl:variable name="source" select="ed:source-of($fact)"/>
    <xsl:sequence select="
      dx:string('source', $source/@xml:id),
      dx:string('sourceKind', ed:source-kind($source)),
      dx:string('sourceLabel', ed:source-label($source)),
      dx:string('responsibility', ($fact/ancestor-or-self::*[@resp][1]/@resp ! ed:id(.))[1])"/>
  </xsl:function>

  <!-- The dates of a relation or affiliation, as encoded and as a range whose
       open ends stay empty (a relation known only to end by 1921 has no start). -->
  <xsl:function name="dx:period-members" as="element()+">
    <xsl:param name="dated" as="element()"/>
    <xsl:sequence select="
      dx:string('when', string($dated/@when)),
      dx:string('from', string($dated/@from)),
      dx:string('to', string($dated/@to)),
      dx:string('notBefore', string($dated/@notBefore)),
      dx:string('notAfter', string($dated/@notAfter)),
      dx:string('start', ($dated/@when, $dated/@from, $dated/@notBefore)[1]),
      dx:string('end', ($dated/@when, $dated/@to, $dated/@notAfter)[1]),
      dx:string('certainty', string($dated/@cert))"/>
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
      dx:string('id', ed:id($pointer)),
      dx:string('kind', $entry ! ed:kind(.)),
      dx:string('label', $entry ! ed:label(.))))"/>
  </xsl:function>

  <xsl:function name="dx:relation" as="element(j:map)">
    <xsl:param name="relation" as="element(relation)"/>
    <xsl:sequence select="dx:map((), (
      dx:string('id', ed:relation-id($relation)),
      dx:string('type', string($relation/../@type)),
      dx:string('name', string($relation/@name)),
      dx:flag('directed', exists($relation/@active)),
      dx:array('active', $relation/@active ! dx:party(.)),
      dx:array('passive', $relation/@passive ! dx:party(.)),
      dx:array('mutual', tokenize($relation/@mutual) ! dx:party(.)),
      dx:period-members($relation),
      dx:source-members($relation),
      dx:string('description', normalize-space($relation/desc)[. ne ''])))"/>
  </xsl:function>

  <xsl:variable name="dx:relation-columns" as="xs:string+" select="
    'id', 'type', 'name', 'directed', 'active_id', 'active_label', 'passive_id', 'passive_label',
    'mutual_id', 'mutual_label', 'start', 'end', 'certainty', 'source', 'sourceKind', 'sourceLabel',
    'description'"/>

  <xsl:function name="dx:affiliation" as="element(j:map)">
    <xsl:param name="affiliation" as="element(affiliation)"/>
    <xsl:variable name="person" select="$affiliation/ancestor::person"/>
    <xsl:variable name="org" select="ed:affiliation-org($affiliation)"/>
    <xsl:sequence select="dx:map((), (
      dx:string('id', ed:relation-id($affiliation)),
      dx:string('personId', string($person/@xml:id)),
      dx:string('person', ed:label($person)),
      dx:string('orgId', $org/@xml:id),
      dx:string('org', $org ! ed:label(.)),
      dx:string('description', normalize-space($affiliation)),
      dx:period-members($affiliation),
      dx:source-members($affiliation)))"/>
  </xsl:function>

  <xsl:variable name="dx:affiliation-columns" as="xs:string+" select="
    'id', 'personId', 'person', 'orgId', 'org', 'description', 'start', 'end', 'certainty',
    'source', 'sourceKind', 'sourceLabel'"/>

</xsl:stylesheet>
