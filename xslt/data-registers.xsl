<?xml version="1.0" encoding="UTF-8"?>
<!--
  data-registers.xsl: one record (the XML representation of JSON, see
  data-serialize.xsl) per register entry, included by data.xsl. The JSON, CSV
  and GeoJSON files are all written from these records, so they always agree.
  The structure of each record is documented in schema/data/*.schema.json.
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

  <!-- ===== Parts shared by the registers ===== -->

  <!-- What every data file says about the edition it comes from. -->
  <xsl:function name="dx:edition" as="element(j:map)">
    <xsl:param name="description" as="xs:string"/>
    <xsl:sequence select="dx:map('edition', (
      dx:string('title', $ed:full-title),
      dx:string('author', $ed:author-name),
      dx:string('publisher', $ed:publisher),
      dx:string('version', $ed:edition-version),
      dx:string('date', $ed:edition-date),
      dx:string('identifier', $ed:identifier),
      dx:string('url', $ed:edition-url),
      dx:string('licence', $ed:licence-url),
      dx:string('language', $ed:language),
      dx:string('source', 'article.xml'),
      dx:string('description', $description)))"/>
  </xsl:function>

  <!-- All names of an entry, with their type and language. -->
  <xsl:function name="dx:names" as="element(j:array)">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="dx:array('names', ed:names($entry) ! dx:map((), (
      dx:string('name', normalize-space(.)),
      dx:string('type', string(@type)),
      dx:string('lang', string(ancestor-or-self::*[@xml:lang][1][not(self::TEI)]/@xml:lang)))))"/>
  </xsl:function>

  <!-- Authority identifiers of an entry, with their URLs. -->
  <xsl:function name="dx:identifiers" as="element(j:array)">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="dx:array('identifiers', $entry/idno ! dx:map((), (
      dx:string('scheme', string(@type)),
      dx:string('label', ed:idno-label(.)),
      dx:string('value', normalize-space(.)),
      dx:string('url', ed:idno-url(.)))))"/>
  </xsl:function>

  <!-- Editorial notes and summaries of an entry, as plain text. -->
  <xsl:function name="dx:notes" as="element(j:array)">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="dx:strings('notes', $entry/note ! normalize-space(.))"/>
  </xsl:function>

  <!-- Where an entry is mentioned: the count, the distinct units, and one
       location per mention (its unit, the unit's anchor, the mention's own
       anchor in index.html and the words as printed). -->
  <xsl:function name="dx:mention-members" as="element()+">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:sequence select="
      dx:number('mentions', count($mentions)),
      dx:strings('units', ed:units($mentions) ! ed:unit-label(.)),
      dx:array('locations', $mentions ! dx:location(.))"/>
  </xsl:function>

  <xsl:function name="dx:location" as="element(j:map)">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="unit" select="ed:unit($mention)"/>
    <xsl:sequence select="dx:map((), (
      dx:string('unit', $unit ! ed:unit-label(.)),
      dx:string('anchor', $unit ! ed:unit-id(.)),
      dx:string('mention', ed:anchor($mention)),
      dx:string('text', normalize-space($mention))))"/>
  </xsl:function>

  <xsl:function name="dx:entity-mentions" as="element()+">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="dx:mention-members(ed:mentions($entry))"/>
  </xsl:function>

  <!-- A birth or death: its date (ISO), certainty, place and the full text. -->
  <xsl:function name="dx:life-event" as="element(j:map)">
    <xsl:param name="event" as="element()"/>
    <xsl:sequence select="dx:map((), (
      dx:string('date', ed:iso-range($event)[. ne '']),
      dx:string('certainty', string($event/@cert)),
      dx:string('place', normalize-space($event/placeName[1])),
      dx:string('placeId', $event/placeName[1]/@ref ! ed:id(.)),
      dx:string('text', normalize-space($event))))"/>
  </xsl:function>

  <!-- CSV columns that are not a path through the record. -->
  <xsl:variable name="dx:computed-columns" as="map(xs:string, function(element(j:map)) as xs:string)" select="map{
    (: wikidata:Q406; geonames:745044 :)
    'identifiers': function($record as element(j:map)) as xs:string {
      string-join($record/j:array[@key = 'identifiers']/j:map ! (j:string[@key = 'scheme'] || ':' || j:string[@key = 'value']), '; ') },
    (: Shahingoz, M.; Akhantaeva, A. :)
    'authors': function($record as element(j:map)) as xs:string {
      string-join($record/j:array[@key = 'authors']/j:map ! string-join(j:string[@key = ('family', 'given')], ', '), '; ') }
  }"/>

  <!-- ===== Records by kind ===== -->

  <!-- A kind's data file, in two templates beside its record function: its
       records (mode dx:record: one per register entry or chronology item, see
       dx:records in data.xsl) and its CSV columns (mode dx:columns, on the
       kind's row of the kinds table). A module that adds a kind adds both. -->
  <xsl:template match="person" mode="dx:record"><xsl:sequence select="dx:person(.)"/></xsl:template>
  <xsl:template match="ed:kind[@data = 'persons']" mode="dx:columns"><xsl:sequence select="$dx:person-columns"/></xsl:template>
  <xsl:template match="place" mode="dx:record"><xsl:sequence select="dx:place(.)"/></xsl:template>
  <xsl:template match="ed:kind[@data = 'places']" mode="dx:columns"><xsl:sequence select="$dx:place-columns"/></xsl:template>
  <xsl:template match="org" mode="dx:record"><xsl:sequence select="dx:org(.)"/></xsl:template>
  <xsl:template match="ed:kind[@data = 'organisations']" mode="dx:columns"><xsl:sequence select="$dx:org-columns"/></xsl:template>
  <xsl:template match="event" mode="dx:record"><xsl:sequence select="dx:event(.)"/></xsl:template>
  <xsl:template match="date" mode="dx:record"><xsl:sequence select="dx:dated-mention(.)"/></xsl:template>
  <xsl:template match="ed:kind[@data = 'chronology']" mode="dx:columns"><xsl:sequence select="$dx:chronology-columns"/></xsl:template>
  <xsl:template match="biblStruct" mode="dx:record"><xsl:sequence select="dx:bibl(.)"/></xsl:template>
  <xsl:template match="ed:kind[@data = 'bibliography']" mode="dx:columns"><xsl:sequence select="$dx:bibl-columns"/></xsl:template>

  <!-- ===== Persons ===== -->

  <xsl:function name="dx:person" as="element(j:map)">
    <xsl:param name="person" as="element(person)"/>
    <xsl:sequence select="dx:map((), (
      dx:string('id', string($person/@xml:id)),
      dx:string('name', ed:label($person)),
      dx:string('sortKey', ed:sort-key($person)),
      dx:strings('variants', ed:variants($person)),
      dx:names($person),
      dx:array('birth', $person/birth ! dx:life-event(.)),
      dx:array('death', $person/death ! dx:life-event(.)),
      dx:strings('occupations', $person/occupation ! normalize-space(.)),
      dx:array('affiliations', $person/affiliation ! dx:map((), (
        dx:string('name', normalize-space(.)),
        dx:string('orgId', (@ref, .//orgName/@ref)[1] ! ed:id(.))))),
      dx:identifiers($person),
      dx:notes($person),
      dx:entity-mentions($person)))"/>
  </xsl:function>

  <xsl:variable name="dx:person-columns" as="xs:string+" select="
    'id', 'name', 'sortKey', 'variants', 'birth_date', 'birth_place', 'birth_placeId',
    'death_date', 'death_certainty', 'death_place', 'death_placeId', 'occupations',
    'affiliations_name', 'identifiers', 'identifiers_url', 'notes', 'mentions', 'units'"/>

  <!-- ===== Places ===== -->

  <xsl:function name="dx:place" as="element(j:map)">
    <xsl:param name="place" as="element(place)"/>
    <xsl:variable name="lat-long" select="ed:lat-long($place)"/>
    <xsl:if test="exists($lat-long) and (count($lat-long) ne 2 or abs($lat-long[1]) gt 90 or abs($lat-long[2]) gt 180)">
      <xsl:message terminate="yes" error-code="dx:GEO">data.xsl: place <xsl:value-of select="$place/@xml:id"/> has geo "<xsl:value-of select="$place/location/geo[1]"/>", which is not "latitude longitude" in WGS84 decimal degrees</xsl:message>
    </xsl:if>
    <xsl:sequence select="dx:map((), (
      dx:string('id', string($place/@xml:id)),
      dx:string('name', ed:label($place)),
      dx:string('type', string($place/@type)),
      dx:string('sortKey', ed:sort-key($place)),
      dx:strings('variants', ed:variants($place)),
      dx:names($place),
      dx:number('latitude', $lat-long[1]),
      dx:number('longitude', $lat-long[2]),
      dx:string('coordinateCertainty', string($place/location/geo[1]/@cert)),
      dx:identifiers($place),
      dx:strings('events', ed:events-at($place) ! string(@xml:id)),
      dx:notes($place),
      dx:entity-mentions($place)))"/>
  </xsl:function>

  <xsl:variable name="dx:place-columns" as="xs:string+" select="
    'id', 'name', 'type', 'sortKey', 'variants', 'latitude', 'longitude', 'coordinateCertainty',
    'identifiers', 'identifiers_url', 'events', 'notes', 'mentions', 'units'"/>

  <!-- ===== Organisations ===== -->

  <xsl:function name="dx:org" as="element(j:map)">
    <xsl:param name="org" as="element(org)"/>
    <xsl:sequence select="dx:map((), (
      dx:string('id', string($org/@xml:id)),
      dx:string('name', ed:label($org)),
      dx:string('type', string($org/@type)),
      dx:string('sortKey', ed:sort-key($org)),
      dx:strings('variants', ed:variants($org)),
      dx:names($org),
      dx:identifiers($org),
      dx:notes($org),
      dx:entity-mentions($org)))"/>
  </xsl:function>

  <xsl:variable name="dx:org-columns" as="xs:string+" select="
    'id', 'name', 'type', 'sortKey', 'variants', 'identifiers', 'identifiers_url', 'notes', 'mentions', 'units'"/>

  <!-- ===== Chronology: events of the register and dated mentions ===== -->

  <!-- The ISO attributes of a dated element, as they are encoded. -->
  <xsl:function name="dx:iso-members" as="element()+">
    <xsl:param name="dated" as="element()"/>
    <xsl:sequence select="
      dx:string('iso', ed:iso-range($dated)),
      dx:string('start', ed:date-start($dated)),
      dx:string('end', ed:date-end($dated)),
      dx:string('when', string($dated/@when)),
      dx:string('from', string($dated/@from)),
      dx:string('to', string($dated/@to)),
      dx:string('notBefore', string($dated/@notBefore)),
      dx:string('notAfter', string($dated/@notAfter)),
      dx:string('certainty', string($dated/@cert)),
      dx:string('description', ed:format-date($dated))"/>
  </xsl:function>

  <xsl:function name="dx:event" as="element(j:map)">
    <xsl:param name="event" as="element(event)"/>
    <xsl:variable name="place" select="ed:target($event/@where)"/>
    <xsl:sequence select="dx:map((), (
      dx:string('id', string($event/@xml:id)),
      dx:string('kind', 'event'),
      dx:string('label', ed:label($event)),
      dx:strings('variants', ed:variants($event)),
      dx:iso-members($event),
      dx:string('event', ()),
      dx:string('placeId', $place/@xml:id),
      dx:string('place', $place ! ed:label(.)),
      dx:string('summary', string-join($event/note[@type = 'summary'] ! normalize-space(.), ' ')),
      dx:strings('dates', ed:dates-of-event($event) ! ed:date-id(.)),
      dx:string('unit', ()),
      dx:string('anchor', ()),
      dx:entity-mentions($event)))"/>
  </xsl:function>

  <xsl:function name="dx:dated-mention" as="element(j:map)">
    <xsl:param name="date" as="element(date)"/>
    <xsl:variable name="event" select="ed:event-of($date)"/>
    <xsl:variable name="unit" select="ed:unit($date)"/>
    <xsl:sequence select="dx:map((), (
      dx:string('id', ed:date-id($date)),
      dx:string('kind', 'date'),
      dx:string('label', normalize-space($date)),
      dx:strings('variants', ()),
      dx:iso-members($date),
      dx:string('event', $event/@xml:id),
      dx:string('placeId', ()),
      dx:string('place', ()),
      dx:string('summary', ()),
      dx:strings('dates', ()),
      dx:string('unit', $unit ! ed:unit-label(.)),
      dx:string('anchor', $unit ! ed:unit-id(.)),
      dx:number('mentions', 1),
      dx:strings('units', $unit ! ed:unit-label(.)),
      dx:array('locations', dx:location($date))))"/>
  </xsl:function>


  <xsl:variable name="dx:chronology-columns" as="xs:string+" select="
    'id', 'kind', 'label', 'iso', 'start', 'end', 'certainty', 'description', 'event', 'placeId', 'place',
    'summary', 'dates', 'unit', 'anchor', 'mentions', 'units'"/>

  <!-- ===== Bibliography ===== -->

  <!-- CSL types of the TEI record types. -->
  <xsl:variable name="dx:csl-types" as="map(xs:string, xs:string)" select="map{
    'journalArticle': 'article-journal', 'book': 'book', 'encyclopediaArticle': 'entry-encyclopedia',
    'bookSection': 'chapter', 'thesis': 'thesis', 'webpage': 'webpage'}"/>

  <xsl:function name="dx:csl-type" as="xs:string">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:sequence select="($dx:csl-types(string($record/@type)), 'document')[1]"/>
  </xsl:function>

  <xsl:function name="dx:bibl" as="element(j:map)">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:variable name="parts" select="ed:record-parts($record)"/>
    <xsl:variable name="printed" select="ed:printed-reference($record)"/>
    <xsl:sequence select="dx:map((), (
      dx:string('id', $parts?id),
      dx:string('type', $parts?type),
      dx:string('cslType', dx:csl-type($record)),
      dx:string('citation', ed:short-citation($record)),
      dx:array('authors', $parts?authors ! dx:map((), (dx:string('family', ?family), dx:string('given', ?given)))),
      dx:string('title', $parts?title),
      dx:string('container', $parts?container),
      dx:string('volume', $parts?volume),
      dx:string('issue', $parts?issue),
      dx:string('pages', $parts?pages),
      dx:string('publisher', $parts?publisher),
      dx:string('place', $parts?place),
      dx:string('date', $parts?date),
      dx:string('listed', $parts?listed),
      dx:string('year', $parts?year),
      dx:string('url', $parts?url),
      dx:string('language', $parts?language),
      dx:number('reference', $printed/@n),
      dx:string('printed', $printed ! normalize-space(string-join(.//text()[not(ancestor::note)]))),
      dx:notes($record),
      dx:mention-members(ed:citations($record))))"/>
  </xsl:function>

  <xsl:variable name="dx:bibl-columns" as="xs:string+" select="
    'id', 'type', 'citation', 'authors', 'title', 'container', 'volume', 'issue',
    'pages', 'publisher', 'place', 'date', 'year', 'url', 'language', 'reference', 'mentions', 'units'"/>

</xsl:stylesheet>
