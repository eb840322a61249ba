<?xml version="1.0" encoding="UTF-8"?>
<!--
  data-graph.xsl: the edition's entities and their links as a network graph
  in GraphML (http://graphml.graphdrawing.org/), for Gephi, networkx, Cytoscape
  or yEd. Included by data.xsl, which writes graph.graphml.

  Nodes: every person, organisation, place and event of the registers (id =
  the TEI xml:id), with its kind, type and label. Edges, each with a type and
  a label (Gephi shows "label"):
    social        the relations of listRelation type="social" (label: the
                  relation's name; a symmetric relation has mutual="true")
    participation a person or organisation took part in an event
    spatial       a place lies in a place (the place hierarchy)
    affiliation   a person belonged to an organisation or held an office in it
    location      an event took place at a place (event/@where)
  Every edge but "location" carries its dates, certainty and source, from the
  same records as relations.json and affiliations.json (data-relations.xsl).
  The graph is directed; parallel edges occur (Enver and Ibrahim Bek are
  linked by several relations), so networkx reads it as a MultiDiGraph.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:j="http://www.w3.org/2005/xpath-functions"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:dx="urn:x-anvar-posho-edition:data"
  xmlns="http://graphml.graphdrawing.org/xmlns"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- The GraphML attributes: (id, for, name, type). -->
  <xsl:variable name="dx:graph-keys" as="array(xs:string)+" select="
    ['label', 'node', 'label', 'string'],
    ['kind', 'node', 'kind', 'string'],
    ['type', 'node', 'type', 'string'],
    ['e_label', 'edge', 'label', 'string'],
    ['e_type', 'edge', 'type', 'string'],
    ['e_mutual', 'edge', 'mutual', 'boolean'],
    ['e_start', 'edge', 'start', 'string'],
    ['e_end', 'edge', 'end', 'string'],
    ['e_certainty', 'edge', 'certainty', 'string'],
    ['e_source', 'edge', 'source', 'string'],
    ['e_sourceLabel', 'edge', 'sourceLabel', 'string']"/>

  <!-- The graph of the registers, from the relation and affiliation records. -->
  <xsl:template name="dx:graph">
    <xsl:param name="relations" as="element(j:map)*"/>
    <xsl:param name="affiliations" as="element(j:map)*"/>
    <xsl:variable name="nodes" as="element()*" select="$ed:named-entries"/>
    <xsl:variable name="node-ids" as="xs:string*" select="$nodes/@xml:id ! string(.)"/>
    <graphml>
      <xsl:for-each select="$dx:graph-keys">
        <key id="{?1}" for="{?2}" attr.name="{?3}" attr.type="{?4}"/>
      </xsl:for-each>
      <graph id="anvar-posho-edition" edgedefault="directed">
        <xsl:for-each select="$nodes">
          <node id="{@xml:id}">
            <data key="label"><xsl:value-of select="ed:label(.)"/></data>
            <data key="kind"><xsl:value-of select="ed:kind(.)"/></data>
            <xsl:if test="@type"><data key="type"><xsl:value-of select="@type"/></data></xsl:if>
          </node>
        </xsl:for-each>
        <xsl:for-each select="$relations">
          <xsl:variable name="parties" select="(j:array[@key = ('active', 'passive', 'mutual')]/j:map/j:string[@key = 'id']) ! string(.)"/>
          <xsl:if test="count($parties) = 2 and $parties = $node-ids and not($parties[not(. = $node-ids)])">
            <xsl:call-template name="dx:edge">
              <xsl:with-param name="id" select="string(j:string[@key = 'id'])"/>
              <xsl:with-param name="from" select="$parties[1]"/>
              <xsl:with-param name="to" select="$parties[2]"/>
              <xsl:with-param name="label" select="string(j:string[@key = 'name'])"/>
              <xsl:with-param name="type" select="string(j:string[@key = 'type'])"/>
              <xsl:with-param name="mutual" select="not(xs:boolean(j:boolean[@key = 'directed']))"/>
              <xsl:with-param name="record" select="."/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:for-each select="$affiliations[string(j:string[@key = 'orgId']) = $node-ids]">
          <xsl:call-template name="dx:edge">
            <xsl:with-param name="id" select="string(j:string[@key = 'id'])"/>
            <xsl:with-param name="from" select="string(j:string[@key = 'personId'])"/>
            <xsl:with-param name="to" select="string(j:string[@key = 'orgId'])"/>
            <xsl:with-param name="label" select="string(j:string[@key = 'description'])"/>
            <xsl:with-param name="type" select="'affiliation'"/>
            <xsl:with-param name="record" select="."/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="$ed:events[@where][ed:id(@where) = $node-ids]">
          <xsl:call-template name="dx:edge">
            <xsl:with-param name="id" select="'w-' || @xml:id"/>
            <xsl:with-param name="from" select="string(@xml:id)"/>
            <xsl:with-param name="to" select="ed:id(@where)"/>
            <xsl:with-param name="label" select="'takesPlaceIn'"/>
            <xsl:with-param name="type" select="'location'"/>
          </xsl:call-template>
        </xsl:for-each>
      </graph>
    </graphml>
  </xsl:template>

  <xsl:template name="dx:edge">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="from" as="xs:string"/>
    <xsl:param name="to" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="mutual" as="xs:boolean" select="false()"/>
    <xsl:param name="record" as="element(j:map)?"/>
    <edge id="{$id}" source="{$from}" target="{$to}">
      <data key="e_label"><xsl:value-of select="$label"/></data>
      <data key="e_type"><xsl:value-of select="$type"/></data>
      <data key="e_mutual"><xsl:value-of select="$mutual"/></data>
      <xsl:for-each select="('start', 'end', 'certainty', 'source', 'sourceLabel')">
        <xsl:variable name="value" select="string($record/j:string[@key = current()])"/>
        <xsl:if test="$value ne ''">
          <data key="e_{.}"><xsl:value-of select="$value"/></data>
        </xsl:if>
      </xsl:for-each>
    </edge>
  </xsl:template>

</xsl:stylesheet>
