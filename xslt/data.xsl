<?xml version="1.0" encoding="UTF-8"?>
<!--
  data.xsl: the edition's registers and metadata as data, for reuse in
  spreadsheets, GIS, reference managers, notebooks and repositories.

  Run with the TEI document as the global context item (tei_edition.transform).
  Every file is an xsl:result-document relative to the base output URI
  (output/data/); there is no principal result.

    persons.json        persons.csv
    places.json         places.csv         places.geojson (RFC 7946)
    organisations.json  organisations.csv
    chronology.json     chronology.csv     (events and dated mentions)
    bibliography.json   bibliography.csv   bibliography.csl.json   bibliography.bib
    relations.json      relations.csv      (listRelation: social, participation, spatial)
    affiliations.json   affiliations.csv   (the persons' affiliations and offices)
    graph.graphml       (persons, organisations, places, events and their links; GraphML)
    dublin-core.xml     (oai_dc record of the article)
    sitemap.xml         (of the HTML edition)
    bag-info.json       (facts for the archival package's bag-info.txt)
    outputs.json       (every output of the edition: $ed:outputs, model-outputs.xsl)

  Which register files exist comes from the kinds table (model-kinds.xsl);
  every file written here is listed in $ed:outputs, and the build step
  (steps_data.py) checks through outputs.json that each was written.

  The build step adds a byte-identical copy of the TEI source (article.xml)
  and the schemas (schema/). The JSON files are described by the JSON
  Schemas in schema/data/; ids are the TEI xml:ids. The same build of the
  same source gives byte-identical files: nothing depends on the clock, and
  every list has a defined order (register entries in the order of the
  source, the chronology by date).

  Parameter: edition-url (from common.xsl), the address of the published
  HTML edition; used in the sitemap, the Dublin Core record and the
  "edition" block of each JSON file.
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

  <xsl:import href="common.xsl"/>
  <xsl:include href="data-serialize.xsl"/>
  <xsl:include href="data-registers.xsl"/>
  <xsl:include href="data-formats.xsl"/>
  <xsl:include href="data-relations.xsl"/>
  <xsl:include href="data-graph.xsl"/>

  <xsl:output name="dx:text" method="text" encoding="UTF-8"/>
  <xsl:output name="dx:xml" method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <!-- One register per data file of the kinds table: NAME.json and NAME.csv. -->
    <xsl:for-each select="$ed:kind-table/ed:kind[@data ne ''][not(@data = preceding-sibling::ed:kind/@data)]">
      <xsl:call-template name="dx:register">
        <xsl:with-param name="name" select="string(@data)"/>
        <xsl:with-param name="description" select="string(@description)"/>
        <xsl:with-param name="records" select="dx:records(string(@name))"/>
        <xsl:with-param name="columns" as="xs:string+"><xsl:apply-templates select="." mode="dx:columns"/></xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>

    <!-- The relation kind's further files: the persons' affiliations, and the graph. -->
    <xsl:variable name="affiliations" select="$dx:affiliations ! dx:affiliation(.)"/>
    <xsl:call-template name="dx:register">
      <xsl:with-param name="name" select="'affiliations'"/>
      <xsl:with-param name="description" select="'Affiliations and offices of the persons of the register, each with its organisation, dates, certainty and source.'"/>
      <xsl:with-param name="records" select="$affiliations"/>
      <xsl:with-param name="columns" select="$dx:affiliation-columns"/>
    </xsl:call-template>
    <xsl:result-document href="graph.graphml" format="dx:xml">
      <xsl:call-template name="dx:graph">
        <xsl:with-param name="relations" select="dx:records('relation')"/>
        <xsl:with-param name="affiliations" select="$affiliations"/>
      </xsl:call-template>
    </xsl:result-document>

    <xsl:result-document href="places.geojson" format="dx:text">
      <xsl:value-of select="dx:json(dx:geojson(dx:records('place')))"/>
    </xsl:result-document>
    <xsl:result-document href="bibliography.csl.json" format="dx:text">
      <xsl:value-of select="dx:json(dx:array((), $ed:bibliography ! dx:csl-item(.)))"/>
    </xsl:result-document>
    <xsl:result-document href="bibliography.bib" format="dx:text">
      <xsl:value-of select="dx:bibtex()"/>
    </xsl:result-document>
    <xsl:result-document href="dublin-core.xml" format="dx:xml">
      <xsl:call-template name="dx:dublin-core"/>
    </xsl:result-document>
    <xsl:result-document href="sitemap.xml" format="dx:xml">
      <xsl:call-template name="dx:sitemap"/>
    </xsl:result-document>
    <xsl:result-document href="bag-info.json" format="dx:text">
      <xsl:value-of select="dx:json(dx:bag-info())"/>
    </xsl:result-document>
    <xsl:result-document href="outputs.json" format="dx:text">
      <xsl:value-of select="dx:json(dx:outputs())"/>
    </xsl:result-document>
  </xsl:template>

  <!-- The records of a kind's data file: its entries in the order of the
       source; for a kind sorted by date, the chronology (events and dated
       mentions). -->
  <xsl:function name="dx:records" as="element(j:map)*">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="items" select="if (ed:kind-row($kind)/@sort eq 'date') then ed:chronology() else ed:entries($kind)"/>
    <xsl:apply-templates select="$items" mode="dx:record"/>
  </xsl:function>

  <!-- One register as NAME.json ({"edition": ..., "NAME": [records]}) and NAME.csv. -->
  <xsl:template name="dx:register">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="description" as="xs:string"/>
    <xsl:param name="records" as="element(j:map)*"/>
    <xsl:param name="columns" as="xs:string+"/>
    <xsl:result-document href="{$name}.json" format="dx:text">
      <xsl:value-of select="dx:json(dx:map((), (dx:edition($description), dx:array($name, $records))))"/>
    </xsl:result-document>
    <xsl:result-document href="{$name}.csv" format="dx:text">
      <xsl:value-of select="dx:csv($records, $columns)"/>
    </xsl:result-document>
  </xsl:template>

</xsl:stylesheet>
