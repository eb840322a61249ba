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
      dx:s('type', 'FeatureCollection'),
      dx:array('features', $records[j:number[@key = 'latitude']] ! dx:map((), (
        dx:s('type', 'Feature'),
        dx:s('id', j:string[@key = 'id']),
        dx:map('geometry', (
          dx:s('type', 'Point'),
          dx:array('coordinates', (dx:n((), j:number[@key = 'longitude']), dx:n((), j:number[@key = 'latitude']))))),
        dx:map('properties', (
          dx:s('id', j:string[@key = 'id']),
          dx:s('name', j:string[@key = 'name']),
          dx:s('type', j:*[@key = 'type'][self::j:string]),
          dx:s('variants', dx:cell(., 'variants')),
          dx:n('mentions', j:number[@key = 'mentions']),
          dx:s('units', dx:cell(., 'units')),
          dx:s('coordinateCertainty', j:*[@key = 'coordinateCertainty'][self::j:string]),
          dx:s('identifiers', dx:cell(., 'identifiers')),
          dx:s('identifierUrls', dx:cell(., 'identifiers_url')))))))))"/>
  </xsl:function>

  <!-- ===== CSL-JSON ===== -->

  <!-- An ISO date as CSL date-parts: 2015-07-06 -> [[2015, 7, 6]]. -->
  <xsl:function name="dx:date-parts" as="element(j:map)?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="iso" as="xs:string"/>
    <xsl:if test="matches($iso, '^\d{4}(-\d{2}(-\d{2})?)?$')">
      <xsl:sequence select="dx:map($key, dx:array('date-parts', dx:array((),
        tokenize($iso, '-') ! dx:n((), xs:integer(.)))))"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="dx:csl-item" as="element(j:map)">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:variable name="p" select="ed:record-parts($record)"/>
    <!-- CSL-JSON leaves out what is unknown: no nulls, no empty strings. -->
    <xsl:sequence select="dx:map((), (
      dx:s('id', $p?id),
      dx:s('type', dx:csl-type($record)),
      dx:s('title', $p?title),
      dx:array('author', $p?authors ! dx:map((), (dx:s('family', ?family), dx:s('given', ?given))[not(self::j:null)])),
      dx:date-parts('issued', $p?date),
      dx:s('container-title', $p?container),
      dx:s('volume', $p?volume),
      dx:s('issue', $p?issue),
      dx:s('page', $p?pages),
      dx:s('publisher', $p?publisher),
      dx:s('publisher-place', $p?place),
      dx:s('URL', $p?url),
      dx:s('language', $p?language))[not(self::j:null)])"/>
  </xsl:function>

  <!-- ===== BibTeX ===== -->

  <xsl:variable name="dx:bibtex-types" as="map(xs:string, xs:string)" select="map{
    'journalArticle': 'article', 'book': 'book', 'encyclopediaArticle': 'incollection',
    'bookSection': 'incollection', 'thesis': 'phdthesis'}"/>

  <!-- Characters that mean something to BibTeX or TeX, written so that they
       print as themselves and every brace in a field stays balanced. -->
  <xsl:variable name="dx:bibtex-escapes" as="map(xs:string, xs:string)" select="map{
    '\': '\textbackslash{}', '{': '\textbraceleft{}', '}': '\textbraceright{}',
    '&amp;': '\&amp;', '%': '\%', '$': '\$', '#': '\#', '_': '\_',
    '~': '\textasciitilde{}', '^': '\textasciicircum{}'}"/>

  <xsl:function name="dx:bibtex-escape" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:analyze-string select="normalize-space($text)" regex="[\\{{}}&amp;%$#_~^]">
        <xsl:matching-substring><xsl:sequence select="$dx:bibtex-escapes(.)"/></xsl:matching-substring>
        <xsl:non-matching-substring><xsl:sequence select="."/></xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <!-- A URL field is read verbatim by biblatex: only braces (which would
       unbalance the entry) and spaces are percent-encoded. -->
  <xsl:function name="dx:bibtex-url" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="replace(replace(replace(normalize-space($url), '\{', '%7B'), '\}', '%7D'), ' ', '%20')"/>
  </xsl:function>

  <xsl:function name="dx:bibtex-entry" as="xs:string">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:variable name="p" select="ed:record-parts($record)"/>
    <xsl:variable name="type" select="($dx:bibtex-types(string($record/@type)), 'misc')[1]"/>
    <xsl:variable name="container-field" select="if ($type eq 'article') then 'journal' else 'booktitle'"/>
    <xsl:variable name="months" select="('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec')"/>
    <xsl:variable name="month" select="if (matches($p?date, '^\d{4}-\d{2}')) then $months[xs:integer(substring($p?date, 6, 2))] else ()"/>
    <!-- (name, value already in BibTeX syntax) pairs, in the order written. -->
    <xsl:variable name="fields" as="array(xs:string)*" select="
      (if (exists($p?authors)) then ['author', '{' || string-join($p?authors ! dx:bibtex-escape(?family || (if (?given ne '') then ', ' || ?given else '')), ' and ') || '}'] else ()),
      ['title', '{{' || dx:bibtex-escape($p?title) || '}}'],
      $p?container ! [$container-field, '{' || dx:bibtex-escape(.) || '}'],
      $p?volume ! ['volume', '{' || dx:bibtex-escape(.) || '}'],
      $p?issue ! ['number', '{' || dx:bibtex-escape(.) || '}'],
      $p?pages ! ['pages', '{' || dx:bibtex-escape(replace(., '^(\w+)-(\w+)$', '$1--$2')) || '}'],
      $p?publisher ! ['publisher', '{' || dx:bibtex-escape(.) || '}'],
      $p?place ! ['address', '{' || dx:bibtex-escape(.) || '}'],
      $p?year[. ne ''] ! ['year', '{' || . || '}'],
      $month ! ['month', .],
      $p?date[string-length(.) gt 4] ! ['date', '{' || . || '}'],
      $p?url ! ['url', '{' || dx:bibtex-url(.) || '}'],
      $p?language[. ne ''] ! ['language', '{' || dx:bibtex-escape(.) || '}']"/>
    <xsl:sequence select="'@' || $type || '{' || $p?id || ',&#10;'
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

  <xsl:template name="dx:dublin-core">
    <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
               xmlns:dc="http://purl.org/dc/elements/1.1/"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">
      <dc:title><xsl:value-of select="$ed:full-title"/></dc:title>
      <dc:creator><xsl:value-of select="string-join(($ed:author-surname, $ed:author-forenames)[. ne ''], ', ')"/></dc:creator>
      <xsl:for-each select="$ed:title-stmt/respStmt/name">
        <dc:contributor><xsl:value-of select="normalize-space(.)"/></dc:contributor>
      </xsl:for-each>
      <xsl:for-each select="$ed:keywords">
        <dc:subject><xsl:value-of select="."/></dc:subject>
      </xsl:for-each>
      <dc:description><xsl:value-of select="$ed:abstract"/></dc:description>
      <dc:publisher><xsl:value-of select="$ed:publisher"/></dc:publisher>
      <dc:date><xsl:value-of select="$ed:edition-date"/></dc:date>
      <dc:type>Text</dc:type>
      <dc:format>application/tei+xml</dc:format>
      <dc:identifier><xsl:value-of select="$ed:identifier"/></dc:identifier>
      <xsl:if test="$edition-url ne ''">
        <dc:identifier><xsl:value-of select="dx:page-url('index.html')"/></dc:identifier>
      </xsl:if>
      <dc:language><xsl:value-of select="$ed:language"/></dc:language>
      <xsl:for-each select="$ed:tei/teiHeader/fileDesc/sourceDesc/bibl">
        <dc:source><xsl:value-of select="string-join((normalize-space(author), normalize-space(title[1])), ', ')"/></dc:source>
      </xsl:for-each>
      <!-- What the article covers: the dates and the places of its title. -->
      <xsl:for-each select="$ed:tei/text/front/titlePage/docTitle//(date | placeName)">
        <dc:coverage><xsl:value-of select="if (self::date) then ed:iso-range(.) else (ed:entry(.) ! ed:label(.), normalize-space(.))[1]"/></dc:coverage>
      </xsl:for-each>
      <dc:rights><xsl:value-of select="$ed:licence-url"/></dc:rights>
    </oai_dc:dc>
  </xsl:template>

  <!-- ===== Sitemap of the HTML edition ===== -->

  <!-- The pages of the HTML edition, as its writer names them. -->
  <xsl:variable name="dx:html-pages" as="xs:string+" select="
    'index.html', 'persons.html', 'places.html', 'organisations.html',
    'chronology.html', 'bibliography.html', 'network.html', 'about.html'"/>

  <xsl:function name="dx:page-url" as="xs:string">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="if ($edition-url eq '') then $page
      else $edition-url || (if (ends-with($edition-url, '/')) then '' else '/') || $page"/>
  </xsl:function>

  <xsl:template name="dx:sitemap">
    <xsl:if test="$edition-url eq ''">
      <xsl:comment> The sitemap protocol requires absolute URLs in loc: this build had no
     edition-url parameter, so the pages are given relative to the site's root.
     Build with edition-url set to the address of the published site before
     publishing this file (at the root of the HTML edition). </xsl:comment>
    </xsl:if>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <xsl:for-each select="$dx:html-pages">
        <url>
          <loc><xsl:value-of select="dx:page-url(.)"/></loc>
          <lastmod><xsl:value-of select="$ed:edition-date"/></lastmod>
        </url>
      </xsl:for-each>
    </urlset>
  </xsl:template>

  <!-- ===== Facts for the archival package ===== -->

  <!-- bag-info.txt fields from the teiHeader (BagIt, RFC 8493, section 2.2.2);
       the package step adds Bag-Software-Agent, Payload-Oxum and the
       description of the payload's layout. -->
  <xsl:function name="dx:bag-info" as="element(j:map)">
    <xsl:sequence select="dx:map((), (
      dx:s('Source-Organization', $ed:publisher),
      dx:s('Contact-Name', normalize-space(($ed:title-stmt/respStmt/name)[1])),
      dx:s('External-Identifier', $ed:identifier),
      dx:s('External-Description', $ed:abstract),
      dx:s('Title', $ed:full-title),
      dx:s('Author', $ed:author-name),
      dx:s('Bagging-Date', $ed:edition-date),
      dx:s('Edition-Version', $ed:edition-version),
      dx:s('Language', $ed:language),
      dx:s('Rights', $ed:licence-url))[not(self::j:null)])"/>
  </xsl:function>

</xsl:stylesheet>
