<?xml version="1.0" encoding="UTF-8"?>
<!--
  model-outputs.xsl: what the edition publishes, and its metadata record;
  included by common.xsl.

  $ed:outputs is the one list of outputs: the HTML pages, the PDF and the
  data files (with the copies the build adds: the TEI source and the
  schemas). The site's navigation and page titles, about.html's downloads,
  the sitemap, data/outputs.json (which the Python build and the archival
  package read) all come from it. The register pages and the register data
  files come from the kinds table (model-kinds.xsl): a kind with page="x.html"
  gets a page, one with data="x" gets x.json and x.csv.

  Columns (attributes of ed:output):
    path        relative to the output folder: html/persons.html, data/persons.json
    format      html | pdf | data (the build step that makes it)
    producer    what writes it: html.xsl | data.xsl | pdf (the print step) |
                copy (the build copies it: the TEI source, the schemas)
    media-type  its MIME type
    group, label   its place in about.html's downloads ('' = not offered)
    kind        for a register page or data file: its kind (the first kind of the
                table with that page or data file: chronology.html is 'event')
    nav, title, description   for a page: navigation label, title, meta description

  Functions and variables:
    $ed:edition-url as xs:string     the edition-url parameter with one trailing slash, or ''
    $ed:outputs as element(ed:output)*
    ed:output($path as xs:string) as element(ed:output)   an output by its path: ed:output('pdf/article.pdf')
    ed:pages() as element(ed:output)*       the HTML pages (text/html), in the order of the navigation
    ed:downloads() as element(ed:output)*   what about.html offers, in its order
    ed:output-href($output) as xs:string    its link from an HTML page (relative: ../data/x.json)
    ed:published-url($output) as xs:string
        where it is published: absolute under $ed:edition-url (the HTML
        folder's address) when that is known, else the link from the HTML folder
    ed:dublin-core() as array(xs:string)*
        the Dublin Core record of the edition, one ['element', 'value'] per
        statement, in order: the HTML head (DC.element) and data/dublin-core.xml
        (dc:element) both write exactly this
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:variable name="ed:edition-url" as="xs:string"
    select="if ($edition-url eq '') then '' else replace($edition-url, '/+$', '') || '/'"/>

  <!-- Labels and media types of the data formats, by file ending. -->
  <xsl:variable name="ed:data-formats" as="map(xs:string, xs:string+)" select="map{
    'json': ('JSON', 'application/json'), 'csv': ('CSV', 'text/csv'),
    'geojson': ('GeoJSON', 'application/geo+json'), 'csl.json': ('CSL-JSON', 'application/vnd.citationstyles.csl+json'),
    'bib': ('BibTeX', 'application/x-bibtex'), 'graphml': ('GraphML', 'application/graphml+xml')}"/>

  <xsl:variable name="ed:output-table" as="document-node()">
    <xsl:document>
    <xsl:variable name="register-pages" select="$ed:kind-table/ed:kind[@page ne ''][not(@page = preceding-sibling::ed:kind/@page)]"/>
    <xsl:variable name="register-data" select="$ed:kind-table/ed:kind[@data ne ''][not(@data = preceding-sibling::ed:kind/@data)]"/>
    <ed:output path="html/index.html" format="html" producer="html.xsl" media-type="text/html" group="" label=""
      kind="" nav="Article" title="" description="{$ed:abstract}"/>
    <xsl:for-each select="$register-pages">
      <ed:output path="html/{@page}" format="html" producer="html.xsl" media-type="text/html" group="" label=""
        kind="{@name}" nav="{@page-title}" title="{@page-title}" description="{replace(@page-description, '%title%', $ed:full-title, 'q')}"/>
    </xsl:for-each>
    <ed:output path="html/about.html" format="html" producer="html.xsl" media-type="text/html" group="" label=""
      kind="" nav="About" title="About this edition"
      description="How to cite the digital edition of {$ed:full-title}; its editorial principles, licence and downloads."/>
    <ed:output path="data/article.xml" format="data" producer="copy" media-type="application/tei+xml"
      group="Text" label="TEI P5 XML source" kind=""/>
    <ed:output path="pdf/article.pdf" format="pdf" producer="pdf" media-type="application/pdf"
      group="Text" label="PDF for print (PDF/A)" kind=""/>
    <xsl:for-each select="$register-data">
      <xsl:variable name="kind" select="."/>
      <xsl:for-each select="(@data || '.json', @data || '.csv', tokenize(@extra-data))">
        <xsl:variable name="ending" select="substring-after(., '.')"/>
        <ed:output path="data/{.}" format="data" producer="data.xsl" media-type="{$ed:data-formats($ending)[2]}"
          group="{$kind/@page-title}" kind="{$kind/@name}"
          label="{if (substring-before(., '.') eq $kind/@data) then $ed:data-formats($ending)[1]
                  else upper-case(substring(., 1, 1)) || substring-before(substring(., 2), '.') || ' (' || $ed:data-formats($ending)[1] || ')'}"/>
      </xsl:for-each>
    </xsl:for-each>
    <ed:output path="data/dublin-core.xml" format="data" producer="data.xsl" media-type="application/xml"
      group="Metadata" label="Dublin Core (XML)" kind=""/>
    <ed:output path="data/sitemap.xml" format="data" producer="data.xsl" media-type="application/xml"
      group="Metadata" label="Sitemap" kind=""/>
    <ed:output path="data/outputs.json" format="data" producer="data.xsl" media-type="application/json"
      group="Metadata" label="List of the edition's files (JSON)" kind=""/>
    <ed:output path="data/bag-info.json" format="data" producer="data.xsl" media-type="application/json"
      group="" label="" kind=""/>
    <ed:output path="data/schema/edition.rng" format="data" producer="copy" media-type="application/xml"
      group="Schemas" label="RELAX NG" kind=""/>
    <ed:output path="data/schema/edition.xsd" format="data" producer="copy" media-type="application/xml"
      group="Schemas" label="W3C XML Schema" kind=""/>
    <ed:output path="data/schema/edition.sch" format="data" producer="copy" media-type="application/xml"
      group="Schemas" label="ISO Schematron" kind=""/>
    <ed:output path="data/schema/edition.odd" format="data" producer="copy" media-type="application/tei+xml"
      group="Schemas" label="ODD (TEI customisation and documentation)" kind=""/>
    </xsl:document>
  </xsl:variable>
  <xsl:variable name="ed:outputs" as="element(ed:output)*" select="$ed:output-table/ed:output"/>

  <xsl:function name="ed:pages" as="element(ed:output)*">
    <xsl:sequence select="$ed:outputs[@media-type eq 'text/html']"/>
  </xsl:function>

  <xsl:function name="ed:downloads" as="element(ed:output)*">
    <xsl:sequence select="$ed:outputs[@group ne '']"/>
  </xsl:function>

  <!-- The link to an output from a page of the HTML folder. -->
  <xsl:function name="ed:output-href" as="xs:string">
    <xsl:param name="output" as="element(ed:output)"/>
    <xsl:sequence select="if (starts-with($output/@path, 'html/')) then substring-after($output/@path, 'html/')
                          else '../' || $output/@path"/>
  </xsl:function>

  <xsl:function name="ed:published-url" as="xs:string">
    <xsl:param name="output" as="element(ed:output)"/>
    <xsl:variable name="href" select="ed:output-href($output)"/>
    <xsl:sequence select="if ($ed:edition-url eq '') then $href else string(resolve-uri($href, $ed:edition-url))"/>
  </xsl:function>

  <!-- An output by its path (html/index.html). -->
  <xsl:function name="ed:output" as="element(ed:output)">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="key('ed:output-by-path', $path, $ed:output-table)"/>
  </xsl:function>
  <xsl:key name="ed:output-by-path" match="ed:output" use="@path"/>

  <!-- ===== Dublin Core ===== -->

  <xsl:function name="ed:dublin-core" as="array(xs:string)*">
    <xsl:variable name="header" select="$ed:tei/teiHeader"/>
    <xsl:sequence select="
      ['title', $ed:full-title],
      ['creator', $ed:author-inverted],
      $ed:title-stmt/respStmt/name ! ['contributor', normalize-space(.)],
      $ed:keywords ! ['subject', .],
      ['description', $ed:abstract],
      ['publisher', $ed:publisher],
      ['date', $ed:edition-date],
      ['type', 'Text'],
      distinct-values(('text/html', ed:downloads()[@group eq 'Text']/@media-type ! string(.))) ! ['format', .],
      ['identifier', $ed:identifier],
      (['identifier', ed:published-url(ed:output('html/index.html'))])[$ed:edition-url ne ''],
      ['language', $ed:language],
      $header/fileDesc/sourceDesc/bibl ! ['source', string-join((normalize-space(author), normalize-space(title[1])), ', ')],
      (: What the article covers: the dates and the places of its title. :)
      $ed:tei/text/front/titlePage/docTitle//(date | placeName)
        ! ['coverage', if (self::date) then ed:iso-range(.) else (ed:entry(.) ! ed:label(.), normalize-space(.))[1]],
      ['rights', $ed:licence-url]"/>
  </xsl:function>

</xsl:stylesheet>
