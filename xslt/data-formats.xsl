<?xml version="1.0" encoding="UTF-8"?>
<!--
  data-formats.xsl: the exchange formats of the data writer, included by
  data.xsl: GeoJSON (RFC 7946), CSL-JSON, BibTeX, a Dublin Core record
  (oai_dc), a sitemap of the HTML edition and the facts for the archival
  package's bag-info.txt.
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

  <!-- ===== GeoJSON ===== -->

  <!-- A FeatureCollection of the places that have coordinates (RFC 7946:
       WGS84, positions as [longitude, latitude]; no "crs" member). Places
       without coordinates are only in places.json and places.csv. -->
  <xsl:function name="dx:geojson" as="element(j:map)">
    <xsl:param name="records" as="element(j:map)*"/>
    <xsl:sequence select="dx:map((), (
      dx:string('type', 'FeatureCollection'),
      dx:array('features', $records[j:number[@key = 'latitude']] ! dx:map((), (
        dx:string('type', 'Feature'),
        dx:string('id', j:string[@key = 'id']),
        dx:map('geometry', (
          dx:string('type', 'Point'),
          dx:array('coordinates', (dx:number((), j:number[@key = 'longitude']), dx:number((), j:number[@key = 'latitude']))))),
        dx:map('properties', (
          dx:string('id', j:string[@key = 'id']),
          dx:string('name', j:string[@key = 'name']),
          dx:string('type', j:*[@key = 'type'][self::j:string]),
          dx:string('variants', dx:cell(., 'variants')),
          dx:number('mentions', j:number[@key = 'mentions']),
          dx:string('units', dx:cell(., 'units')),
          dx:string('coordinateCertainty', j:*[@key = 'coordinateCertainty'][self::j:string]),
          dx:string('identifiers', dx:cell(., 'identifiers')),
          dx:string('identifierUrls', dx:cell(., 'identifiers_url')))))))))"/>
  </xsl:function>

  <!-- ===== CSL-JSON ===== -->

  <!-- An ISO date as CSL date-parts: 2015-07-06 -> [[2015, 7, 6]]. -->
  <xsl:function name="dx:date-parts" as="element(j:map)?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="iso" as="xs:string"/>
    <xsl:if test="matches($iso, '^\d{4}(-\d{2}(-\d{2})?)?$')">
      <xsl:sequence select="dx:map($key, dx:array('date-parts', dx:array((),
        tokenize($iso, '-') ! dx:number((), xs:integer(.)))))"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="dx:csl-item" as="element(j:map)">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:variable name="parts" select="ed:record-parts($record)"/>
    <!-- CSL-JSON leaves out what is unknown: no nulls, no empty strings. -->
    <xsl:sequence select="dx:map((), (
      dx:string('id', $parts?id),
      dx:string('type', dx:csl-type($record)),
      dx:string('title', $parts?title),
      dx:array('author', $parts?authors ! dx:map((), (dx:string('family', ?family), dx:string('given', ?given))[not(self::j:null)])),
      dx:date-parts('issued', $parts?date),
      dx:date-parts('available-date', $parts?listed),
      dx:string('container-title', $parts?container),
      dx:string('volume', $parts?volume),
      dx:string('issue', $parts?issue),
      dx:string('page', $parts?pages),
      dx:string('publisher', $parts?publisher),
      dx:string('publisher-place', $parts?place),
      dx:string('URL', $parts?url),
      dx:string('language', $parts?language))[not(self::j:null)])"/>
  </xsl:function>

  <!-- ===== BibTeX ===== -->

  <xsl:variable name="dx:bibtex-types" as="map(xs:string, xs:string)" select="map{
    'journalArticle': 'article', 'book': 'book', 'encyclopediaArticle': 'inreference',
    'bookSection': 'incollection', 'thesis': 'phdthesis'}"/>

  <xsl:function name="dx:bibtex-entry" as="xs:string">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:variable name="parts" select="ed:record-parts($record)"/>
    <xsl:variable name="type" select="($dx:bibtex-types(string($record/@type)), 'misc')[1]"/>
    <xsl:variable name="container-field" select="if ($type eq 'article') then 'journal' else 'booktitle'"/>
    <xsl:variable name="months" select="('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec')"/>
    <xsl:variable name="month" select="if (matches($parts?date, '^\d{4}-\d{2}')) then $months[xs:integer(substring($parts?date, 6, 2))] else ()"/>
    <!-- (name, value already in BibTeX syntax) pairs, in the order written. -->
    <xsl:variable name="fields" as="array(xs:string)*" select="
      (if (exists($parts?authors)) then ['author', '{' || string-join($parts?authors ! ed:bibtex-escape(?family || (if (?given ne '') then ', ' || ?given else '')), ' and ') || '}'] else ()),
      ['title', '{{' || ed:bibtex-escape($parts?title) || '}}'],
      $parts?container ! [$container-field, '{' || ed:bibtex-escape(.) || '}'],
      $parts?volume ! ['volume', '{' || ed:bibtex-escape(.) || '}'],
      $parts?issue ! ['number', '{' || ed:bibtex-escape(.) || '}'],
      $parts?pages ! ['pages', '{' || ed:bibtex-escape(replace(., '^(\w+)-(\w+)$', '$1--$2')) || '}'],
      $parts?publisher ! ['publisher', '{' || ed:bibtex-escape(.) || '}'],
      $parts?place ! ['address', '{' || ed:bibtex-escape(.) || '}'],
      $parts?year[. ne ''] ! ['year', '{' || . || '}'],
      $month ! ['month', .],
      $parts?date[string-length(.) gt 4] ! ['date', '{' || . || '}'],
      $parts?url ! ['url', '{' || ed:bibtex-url(.) || '}'],
      $parts?listed[. ne ''] ! ['note', '{' || ed:bibtex-escape('Date of the web listing: ' || . || '; no date of publication given') || '}'],
      $parts?language[. ne ''] ! ['language', '{' || ed:bibtex-escape(.) || '}']"/>
    <xsl:sequence select="'@' || $type || '{' || $parts?id || ',&#10;'
      || string-join($fields ! ('  ' || ?1 || ' = ' || ?2), ',&#10;') || '&#10;}&#10;'"/>
  </xsl:function>

  <xsl:function name="dx:bibtex" as="xs:string">
    <xsl:variable name="entries" select="$ed:bibliography ! dx:bibtex-entry(.)"/>
    <!-- The header is text outside any entry, which BibTeX skips; it must hold no "@". -->
    <xsl:variable name="header" select="'% ' || $ed:full-title || ': bibliography of the article, ' || count($entries) || ' entries.&#10;'
      || '% Digital edition ' || $ed:edition-version || ' (' || $ed:edition-date || '), ' || $ed:identifier || '. UTF-8.&#10;&#10;'"/>
    <xsl:sequence select="translate($header, '@', ' ') || string-join($entries, '&#10;')"/>
  </xsl:function>

  <!-- ===== Dublin Core (oai_dc) ===== -->

  <!-- The edition's Dublin Core record (ed:dublin-core), as the HTML head has it. -->
  <xsl:template name="dx:dublin-core">
    <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
               xmlns:dc="http://purl.org/dc/elements/1.1/"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">
      <xsl:for-each select="ed:dublin-core()">
        <xsl:element name="dc:{?1}" namespace="http://purl.org/dc/elements/1.1/"><xsl:value-of select="?2"/></xsl:element>
      </xsl:for-each>
    </oai_dc:dc>
  </xsl:template>

  <!-- ===== Sitemap of the HTML edition ===== -->


  <xsl:template name="dx:sitemap">
    <xsl:if test="$ed:edition-url eq ''">
      <xsl:comment> The sitemap protocol requires absolute URLs in loc: this build had no
     edition-url parameter, so the pages are given relative to the site's root.
     Build with edition-url set to the address of the published site before
     publishing this file (at the root of the HTML edition). </xsl:comment>
    </xsl:if>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <xsl:for-each select="ed:pages()">
        <url>
          <loc><xsl:value-of select="ed:published-url(.)"/></loc>
          <lastmod><xsl:value-of select="$ed:edition-date"/></lastmod>
        </url>
      </xsl:for-each>
    </urlset>
  </xsl:template>

  <!-- ===== The list of outputs ===== -->

  <!-- outputs.json: every output of the edition ($ed:outputs), which the
       build (steps_data.py) and the archival package (package.py) read. -->
  <xsl:function name="dx:outputs" as="element(j:map)">
    <xsl:sequence select="dx:map((), (
      dx:edition('Every file of the edition: the HTML pages, the PDF and the data files, relative to the output folder.'),
      dx:array('outputs', $ed:outputs ! dx:map((), (
        dx:string('path', @path),
        dx:string('format', @format),
        dx:string('producer', @producer),
        dx:string('mediaType', @media-type),
        dx:string('kind', @kind),
        dx:string('group', @group),
        dx:string('label', @label),
        dx:string('url', ed:published-url(.)))))))"/>
  </xsl:function>

  <!-- ===== Facts for the archival package ===== -->

  <!-- bag-info.txt fields from the teiHeader (BagIt, RFC 8493, section 2.2.2);
       the package step adds Bag-Software-Agent, Payload-Oxum and the
       description of the payload's layout. -->
  <xsl:function name="dx:bag-info" as="element(j:map)">
    <xsl:sequence select="dx:map((), (
      dx:string('Source-Organization', $ed:publisher),
      dx:string('Contact-Name', normalize-space(($ed:title-stmt/respStmt/name)[1])),
      dx:string('External-Identifier', $ed:identifier),
      dx:string('External-Description', $ed:abstract),
      dx:string('Title', $ed:full-title),
      dx:string('Author', $ed:author-name),
      dx:string('Bagging-Date', $ed:edition-date),
      dx:string('Edition-Version', $ed:edition-version),
      dx:string('Language', $ed:language),
      dx:string('Rights', $ed:licence-url))[not(self::j:null)])"/>
  </xsl:function>

</xsl:stylesheet>
