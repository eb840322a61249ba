<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-search.xsl: a small search over the article and the registers that
  works offline, from file:// too (where a page may not fetch a JSON file):
  the index is a script, search-index.js, that edition.js loads when the
  reader first uses the search box. The index's text is written by the JSON
  serializer (its one escaping of JSON), then wrapped in one assignment.
  Without JavaScript the box stays hidden; the registers are the index.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:h="urn:x-anvar-posho-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- The register page of each kind of entry. -->
  <xsl:variable name="h:register-pages" as="map(xs:string, xs:string)" select="map{
    'person': 'persons.html', 'place': 'places.html', 'org': 'organisations.html',
    'event': 'chronology.html', 'bibl': 'bibliography.html'}"/>

  <!-- One record per searchable thing: where it is, what it is called, its text. -->
  <xsl:function name="h:search-records" as="map(*)*">
    <xsl:variable name="abstract" select="$ed:tei/text/front/div[@type = 'abstract']"/>
    <xsl:sequence select="
      $abstract ! map{'href': 'index.html#' || @xml:id, 'title': 'Abstract', 'kind': 'Article', 'text': normalize-space(string-join(p, ' '))},
      $ed:paragraphs ! map{'href': 'index.html#' || @xml:id, 'title': ed:unit-label(.) || ' · ' || normalize-space(ancestor::div[head][1]/head),
                           'kind': 'Article', 'text': normalize-space(.)},
      $ed:tei/text/body//table ! map{'href': 'index.html#' || @xml:id, 'title': normalize-space(head), 'kind': 'Article', 'text': normalize-space(string-join(row, ' · '))},
      ($ed:persons, $ed:places, $ed:orgs, $ed:events, $ed:bibliography) ! (
        let $kind := ed:kind(.) return map{
          'href': $h:register-pages($kind) || '#' || @xml:id,
          'title': ed:label(.),
          'kind': ed:kind-label($kind, false()),
          'text': normalize-space(string-join((ed:variants(.), (note, desc, occupation, event/desc, monogr/title, analytic/title) ! normalize-space(.)), ' · '))})"/>
  </xsl:function>

  <xsl:template name="h:search-index">
    <xsl:result-document href="search-index.js" method="text" encoding="UTF-8">
      <xsl:text>/* The search index of the edition, generated from the TEI. */&#10;window.EDITION_SEARCH_INDEX = </xsl:text>
      <xsl:value-of select="serialize(array{h:search-records()}, map{'method': 'json', 'indent': false()})"/>
      <xsl:text>;&#10;</xsl:text>
    </xsl:result-document>
  </xsl:template>

  <!-- The search box (shown by the script, which it needs). -->
  <xsl:template name="h:search-box">
    <search class="search-box" data-js-only="" hidden="">
      <h2 id="search-heading">Search</h2>
      <label for="search-input">Words in the article and the registers</label>
      <input type="search" id="search-input" autocomplete="off" aria-describedby="search-count" aria-controls="search-results"/>
      <p class="search-count" id="search-count" role="status" aria-live="polite"></p>
      <ol class="search-results" id="search-results"></ol>
    </search>
  </xsl:template>

</xsl:stylesheet>
