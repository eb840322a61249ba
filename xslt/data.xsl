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
    <xsl:variable name="persons" select="$ed:persons ! dx:person(.)"/>
    <xsl:variable name="places" select="$ed:places ! dx:place(.)"/>
    <xsl:variable name="orgs" select="$ed:orgs ! dx:org(.)"/>
    <xsl:variable name="chronology" select="dx:chronology()"/>
    <xsl:variable name="bibliography" select="$ed:bibliography ! dx:bibl(.)"/>

    <xsl:call-template name="dx:register">
      <xsl:with-param name="name" select="'persons'"/>
      <xsl:with-param name="description" select="'Register of the persons named in the article, with every mention.'"/>
      <xsl:with-param name="records" select="$persons"/>
      <xsl:with-param name="columns" select="$dx:person-columns"/>
    </xsl:call-template>
    <xsl:call-template name="dx:register">
      <xsl:with-param name="name" select="'places'"/>
      <xsl:with-param name="description" select="'Register of the places named in the article, with coordinates (WGS84) and every mention.'"/>
      <xsl:with-param name="records" select="$places"/>
      <xsl:with-param name="columns" select="$dx:place-columns"/>
    </xsl:call-template>
    <xsl:call-template name="dx:register">
      <xsl:with-param name="name" select="'organisations'"/>
      <xsl:with-param name="description" select="'Register of the organisations, states and groups named in the article, with every mention.'"/>
      <xsl:with-param name="records" select="$orgs"/>
      <xsl:with-param name="columns" select="$dx:org-columns"/>
    </xsl:call-template>
    <xsl:call-template name="dx:register">
      <xsl:with-param name="name" select="'chronology'"/>
      <xsl:with-param name="description" select="'Chronology: the events of the register and the dated mentions of the article (title page, abstract and body), by date.'"/>
      <xsl:with-param name="records" select="$chronology"/>
      <xsl:with-param name="columns" select="$dx:chronology-columns"/>
    </xsl:call-template>
    <xsl:call-template name="dx:register">
      <xsl:with-param name="name" select="'bibliography'"/>
      <xsl:with-param name="description" select="'The works cited by the article, with every citation.'"/>
      <xsl:with-param name="records" select="$bibliography"/>
      <xsl:with-param name="columns" select="$dx:bibl-columns"/>
    </xsl:call-template>

    <xsl:variable name="relations" select="$dx:relations ! dx:relation(.)"/>
    <xsl:variable name="affiliations" select="$dx:affiliations ! dx:affiliation(.)"/>
    <xsl:call-template name="dx:register">
      <xsl:with-param name="name" select="'relations'"/>
      <xsl:with-param name="description" select="'Relations between the persons, organisations, places and events of the registers (social relations, participation in events, the place hierarchy), each with its dates, certainty and source.'"/>
      <xsl:with-param name="records" select="$relations"/>
      <xsl:with-param name="columns" select="$dx:relation-columns"/>
    </xsl:call-template>
    <xsl:call-template name="dx:register">
      <xsl:with-param name="name" select="'affiliations'"/>
      <xsl:with-param name="description" select="'Affiliations and offices of the persons of the register, each with its organisation, dates, certainty and source.'"/>
      <xsl:with-param name="records" select="$affiliations"/>
      <xsl:with-param name="columns" select="$dx:affiliation-columns"/>
    </xsl:call-template>
    <xsl:result-document href="graph.graphml" format="dx:xml">
      <xsl:call-template name="dx:graph">
        <xsl:with-param name="relations" select="$relations"/>
        <xsl:with-param name="affiliations" select="$affiliations"/>
      </xsl:call-template>
    </xsl:result-document>

    <xsl:result-document href="places.geojson" format="dx:text">
      <xsl:value-of select="dx:json(dx:geojson($places))"/>
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
  </xsl:template>

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
