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
      dx:s('title', $ed:full-title),
      dx:s('author', $ed:author-name),
      dx:s('publisher', $ed:publisher),
      dx:s('version', $ed:edition-version),
      dx:s('date', $ed:edition-date),
      dx:s('identifier', $ed:identifier),
      dx:s('url', $edition-url),
      dx:s('licence', $ed:licence-url),
      dx:s('language', $ed:language),
      dx:s('source', 'article.xml'),
      dx:s('description', $description)))"/>
  </xsl:function>

  <!-- All names of an entry, with their type and language. -->
  <xsl:function name="dx:names" as="element(j:array)">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="dx:array('names', $entry/(persName | placeName | orgName | eventName) ! dx:map((), (
      dx:s('name', normalize-space(.)),
      dx:s('type', string(@type)),
      dx:s('lang', string(ancestor-or-self::*[@xml:lang][1][not(self::TEI)]/@xml:lang)))))"/>
  </xsl:function>

  <!-- Authority identifiers of an entry, with their URLs. -->
  <xsl:function name="dx:identifiers" as="element(j:array)">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="dx:array('identifiers', $entry/idno ! dx:map((), (
      dx:s('scheme', string(@type)),
      dx:s('label', ed:idno-label(.)),
      dx:s('value', normalize-space(.)),
      dx:s('url', ed:idno-url(.)))))"/>
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
    <xsl:param name="anchor" as="function(element()) as xs:string"/>
    <xsl:sequence select="
      dx:n('mentions', count($mentions)),
      dx:strings('units', ed:units($mentions) ! ed:unit-label(.)),
      dx:array('locations', $mentions ! dx:location(., $anchor(.)))"/>
  </xsl:function>

  <xsl:function name="dx:location" as="element(j:map)">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:variable name="unit" select="ed:unit($mention)"/>
    <xsl:sequence select="dx:map((), (
      dx:s('unit', $unit ! ed:unit-label(.)),
      dx:s('anchor', $unit ! ed:unit-id(.)),
      dx:s('mention', $anchor),
      dx:s('text', normalize-space($mention))))"/>
  </xsl:function>

  <xsl:function name="dx:entity-mentions" as="element()+">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="dx:mention-members(ed:mentions($entry), ed:mention-id#1)"/>
  </xsl:function>

  <!-- A birth or death: its date (ISO), certainty, place and the full text. -->
  <xsl:function name="dx:life-event" as="element(j:map)">
    <xsl:param name="event" as="element()"/>
    <xsl:sequence select="dx:map((), (
      dx:s('date', ed:iso-range($event)[. ne '']),
      dx:s('certainty', string($event/@cert)),
      dx:s('place', normalize-space($event/placeName[1])),
      dx:s('placeId', $event/placeName[1]/@ref ! ed:id(.)),
      dx:s('text', normalize-space($event))))"/>
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

  <!-- ===== Persons ===== -->

  <xsl:function name="dx:person" as="element(j:map)">
    <xsl:param name="person" as="element(person)"/>
    <xsl:sequence select="dx:map((), (
      dx:s('id', string($person/@xml:id)),
      dx:s('name', ed:label($person)),
      dx:s('sortKey', ed:sort-key($person)),
      dx:strings('variants', ed:variants($person)),
      dx:names($person),
      dx:array('birth', $person/birth ! dx:life-event(.)),
      dx:array('death', $person/death ! dx:life-event(.)),
      dx:strings('occupations', $person/occupation ! normalize-space(.)),
      dx:array('affiliations', $person/affiliation ! dx:map((), (
        dx:s('name', normalize-space(.)),
        dx:s('orgId', (@ref, .//orgName/@ref)[1] ! ed:id(.))))),
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
      dx:s('id', string($place/@xml:id)),
      dx:s('name', ed:label($place)),
      dx:s('type', string($place/@type)),
      dx:s('sortKey', ed:sort-key($place)),
      dx:strings('variants', ed:variants($place)),
      dx:names($place),
      dx:n('latitude', $lat-long[1]),
      dx:n('longitude', $lat-long[2]),
      dx:s('coordinateCertainty', string($place/location/geo[1]/@cert)),
      dx:identifiers($place),
      dx:strings('events', $ed:events[ed:id(@where) eq $place/@xml:id] ! string(@xml:id)),
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
      dx:s('id', string($org/@xml:id)),
      dx:s('name', ed:label($org)),
      dx:s('type', string($org/@type)),
      dx:s('sortKey', ed:sort-key($org)),
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
      dx:s('iso', ed:iso-range($dated)),
      dx:s('start', ed:date-start($dated)),
      dx:s('end', ed:date-end($dated)),
      dx:s('when', string($dated/@when)),
      dx:s('from', string($dated/@from)),
      dx:s('to', string($dated/@to)),
      dx:s('notBefore', string($dated/@notBefore)),
      dx:s('notAfter', string($dated/@notAfter)),
      dx:s('certainty', string($dated/@cert)),
      dx:s('description', ed:format-date($dated))"/>
  </xsl:function>

  <xsl:function name="dx:event" as="element(j:map)">
    <xsl:param name="event" as="element(event)"/>
    <xsl:variable name="place" select="ed:target($event/@where)"/>
    <xsl:sequence select="dx:map((), (
      dx:s('id', string($event/@xml:id)),
      dx:s('kind', 'event'),
      dx:s('label', ed:label($event)),
      dx:strings('variants', ed:variants($event)),
      dx:iso-members($event),
      dx:s('event', ()),
      dx:s('placeId', $place/@xml:id),
      dx:s('place', $place ! ed:label(.)),
      dx:s('summary', string-join($event/note[@type = 'summary'] ! normalize-space(.), ' ')),
      dx:strings('dates', ed:dates-of-event($event)[. intersect $ed:dated-mentions] ! ed:date-id(.)),
      dx:s('unit', ()),
      dx:s('anchor', ()),
      dx:entity-mentions($event)))"/>
  </xsl:function>

  <xsl:function name="dx:dated-mention" as="element(j:map)">
    <xsl:param name="date" as="element(date)"/>
    <xsl:variable name="event" select="ed:target($date/@corresp)[self::event]"/>
    <xsl:variable name="unit" select="ed:unit($date)"/>
    <xsl:sequence select="dx:map((), (
      dx:s('id', ed:date-id($date)),
      dx:s('kind', 'date'),
      dx:s('label', normalize-space($date)),
      dx:strings('variants', ()),
      dx:iso-members($date),
      dx:s('event', $event/@xml:id),
      dx:s('placeId', ()),
      dx:s('place', ()),
      dx:s('summary', ()),
      dx:strings('dates', ()),
      dx:s('unit', $unit ! ed:unit-label(.)),
      dx:s('anchor', $unit ! ed:unit-id(.)),
      dx:n('mentions', 1),
      dx:strings('units', $unit ! ed:unit-label(.)),
      dx:array('locations', dx:location($date, ed:date-id($date)))))"/>
  </xsl:function>

  <!-- Events and dated mentions together, by date; at the same date, events
       first, then in document order. -->
  <xsl:function name="dx:chronology" as="element(j:map)*">
    <xsl:variable name="items" as="element()*" select="$ed:events, $ed:dated-mentions"/>
    <xsl:sequence select="sort($items, (), function($item) {
      (ed:date-sort-key($item), if ($item/self::event) then 0 else 1)
    }) ! (if (self::event) then dx:event(.) else dx:dated-mention(.))"/>
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
    <xsl:variable name="p" select="ed:record-parts($record)"/>
    <xsl:variable name="printed" select="ed:printed-reference($record)"/>
    <xsl:sequence select="dx:map((), (
      dx:s('id', $p?id),
      dx:s('type', $p?type),
      dx:s('cslType', dx:csl-type($record)),
      dx:s('citation', ed:short-citation($record)),
      dx:array('authors', $p?authors ! dx:map((), (dx:s('family', ?family), dx:s('given', ?given)))),
      dx:s('title', $p?title),
      dx:s('container', $p?container),
      dx:s('volume', $p?volume),
      dx:s('issue', $p?issue),
      dx:s('pages', $p?pages),
      dx:s('publisher', $p?publisher),
      dx:s('place', $p?place),
      dx:s('date', $p?date),
      dx:s('year', $p?year),
      dx:s('url', $p?url),
      dx:s('language', $p?language),
      dx:n('reference', $printed/@n),
      dx:s('printed', $printed ! normalize-space(string-join(.//text()[not(ancestor::note)]))),
      dx:notes($record),
      dx:mention-members(ed:citations($record), ed:citation-id#1)))"/>
  </xsl:function>

  <xsl:variable name="dx:bibl-columns" as="xs:string+" select="
    'id', 'type', 'citation', 'authors', 'title', 'container', 'volume', 'issue',
    'pages', 'publisher', 'place', 'date', 'year', 'url', 'language', 'reference', 'mentions', 'units'"/>

</xsl:stylesheet>
