<?xml version="1.0" encoding="UTF-8"?>
<!--
  model-dates.xsl: dates as the edition writes them, and the chronology;
  included by common.xsl. Every writer (HTML, data, print) takes its dates
  and its chronology from here, so they say the same thing.

  Functions (signature: what it returns):
    ed:date-start($dated as element()) as xs:string   earliest ISO bound (@when, @from, @notBefore...)
    ed:date-end($dated as element()) as xs:string     latest ISO bound
    ed:is-dated($dated as element()) as xs:boolean    whether it has any ISO bound (an event
                                                      neither the article nor the facts date has none)
    ed:iso-range($dated) as xs:string                 '1921/1922', or one value: '1922-05'
    ed:date-sort-key($dated) as xs:string             '1921-01-01/1922-12-31': start padded, then end
    ed:format-iso($iso as xs:string) as xs:string     '1922' | 'May 1922' | '4 August 1922'
    ed:format-range($start, $end as xs:string) as xs:string
        a period with the copy-editor's shortening, full years always:
        '3–24 July 1908', '3 June – 24 July 1908', 'March–May 1922',
        '1921–1922', 'May 1921 – June 1922'; one value when start = end
    ed:format-date($dated) as xs:string
        a dated element in words, with its certainty: '4 August 1922',
        '1921–1922', 'from 1918', 'between 1 January 1922 and 30 April 1922
        (medium certainty)'
    ed:life-span($person as element()) as xs:string
        life years of a person: '1881–1922', '1889–1931/1932' (contested
        alternatives joined by '/'), 'born 1881', 'died 1922', or ''
    ed:chronology() as element()*
        the chronology's items: the register's events and the dated mentions
        of the article (front and body, not notes), by ed:date-sort-key; at
        the same date events first, then in document order. Every writer's
        chronology (chronology.html, the timeline, chronology.json/csv, the
        print appendix) has exactly these items in this order.
    ed:chronology-anchors($item as element()) as element()*
        where a chronology item is in the article: for an event, its dated
        mentions and the names of it (not in notes), in document order; for a
        date, the date itself. Group them with ed:by-unit (model-mentions.xsl).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- ===== ISO values ===== -->

  <xsl:function name="ed:date-start" as="xs:string">
    <xsl:param name="dated" as="element()"/>
    <xsl:sequence select="string(($dated/@when, $dated/@from, $dated/@notBefore, $dated/@to, $dated/@notAfter)[1])"/>
  </xsl:function>

  <xsl:function name="ed:is-dated" as="xs:boolean">
    <xsl:param name="dated" as="element()"/>
    <xsl:sequence select="ed:date-start($dated) ne ''"/>
  </xsl:function>

  <xsl:function name="ed:date-end" as="xs:string">
    <xsl:param name="dated" as="element()"/>
    <xsl:sequence select="string(($dated/@when, $dated/@to, $dated/@notAfter, $dated/@from, $dated/@notBefore)[1])"/>
  </xsl:function>

  <xsl:function name="ed:iso-range" as="xs:string">
    <xsl:param name="dated" as="element()"/>
    <xsl:variable name="start" select="ed:date-start($dated)"/>
    <xsl:variable name="end" select="ed:date-end($dated)"/>
    <xsl:sequence select="if ($start eq $end) then $start else $start || '/' || $end"/>
  </xsl:function>

  <xsl:function name="ed:date-sort-key" as="xs:string">
    <xsl:param name="dated" as="element()"/>
    <!-- What neither source dates sorts after everything dated. -->
    <xsl:sequence select="if (not(ed:is-dated($dated))) then '~undated'
                          else ed:pad-iso(ed:date-start($dated), '01') || '/' || ed:pad-iso(ed:date-end($dated), '31')"/>
  </xsl:function>

  <!-- A year or year-month padded to a day: the first ($fill '01') or the last ('31'). -->
  <xsl:function name="ed:pad-iso" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:param name="fill" as="xs:string"/>
    <xsl:sequence select="
      if (matches($iso, '^-?\d{4}$')) then $iso || '-' || (if ($fill eq '01') then '01' else '12') || '-' || $fill
      else if (matches($iso, '^-?\d{4}-\d{2}$')) then $iso || '-' || $fill
      else $iso"/>
  </xsl:function>

  <!-- ===== In words ===== -->

  <xsl:function name="ed:format-iso" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="
      if (matches($iso, '^\d{4}-\d{2}-\d{2}$')) then format-date(xs:date($iso), '[D] [MNn] [Y]', 'en', (), ())
      else if (matches($iso, '^\d{4}-\d{2}$')) then format-date(xs:date($iso || '-01'), '[MNn] [Y]', 'en', (), ())
      else $iso"/>
  </xsl:function>

  <!-- A period: what both ends share is written once, at the end; years are
       always written in full; the dash is spaced when either side has a
       space in it. -->
  <xsl:function name="ed:format-range" as="xs:string">
    <xsl:param name="start" as="xs:string"/>
    <xsl:param name="end" as="xs:string"/>
    <xsl:variable name="day" select="'^\d{4}-\d{2}-\d{2}$'"/>
    <xsl:variable name="month" select="'^\d{4}-\d{2}$'"/>
    <xsl:variable name="same-year" select="substring($start, 1, 4) eq substring($end, 1, 4)"/>
    <!-- (first, last, what both share): 3, 24, ' July 1908' -->
    <xsl:variable name="parts" as="xs:string+" select="
      if ($start eq $end) then ed:format-iso($start)
      else if (matches($start, $day) and matches($end, $day) and substring($start, 1, 7) eq substring($end, 1, 7))
        then (format-date(xs:date($start), '[D]', 'en', (), ()), format-date(xs:date($end), '[D]', 'en', (), ()),
              format-date(xs:date($end), ' [MNn] [Y]', 'en', (), ()))
      else if (matches($start, $day) and matches($end, $day) and $same-year)
        then (format-date(xs:date($start), '[D] [MNn]', 'en', (), ()), format-date(xs:date($end), '[D] [MNn]', 'en', (), ()),
              ' ' || substring($end, 1, 4))
      else if (matches($start, $month) and matches($end, $month) and $same-year)
        then (format-date(xs:date($start || '-01'), '[MNn]', 'en', (), ()), format-date(xs:date($end || '-01'), '[MNn]', 'en', (), ()),
              ' ' || substring($end, 1, 4))
      else (ed:format-iso($start), ed:format-iso($end), '')"/>
    <xsl:sequence select="if (count($parts) eq 1) then $parts
      else $parts[1] || (if (contains($parts[1] || $parts[2], ' ')) then ' – ' else '–') || $parts[2] || $parts[3]"/>
  </xsl:function>

  <xsl:function name="ed:format-date" as="xs:string">
    <xsl:param name="dated" as="element()"/>
    <xsl:variable name="text" select="
      if ($dated/@when) then ed:format-iso($dated/@when)
      else if ($dated/@from and $dated/@to) then ed:format-range($dated/@from, $dated/@to)
      else if ($dated/@from) then 'from ' || ed:format-iso($dated/@from)
      else if ($dated/@to) then 'until ' || ed:format-iso($dated/@to)
      else if ($dated/@notBefore and $dated/@notAfter) then 'between ' || ed:format-iso($dated/@notBefore) || ' and ' || ed:format-iso($dated/@notAfter)
      else if ($dated/@notBefore) then 'not before ' || ed:format-iso($dated/@notBefore)
      else if ($dated/@notAfter) then 'not after ' || ed:format-iso($dated/@notAfter)
      else if ($dated/self::event) then 'undated'
      else normalize-space($dated)"/>
    <xsl:sequence select="$text || (if ($dated/@cert = ('medium', 'low', 'unknown')) then ' (' || $dated/@cert || ' certainty)' else '')"/>
  </xsl:function>

  <xsl:function name="ed:life-span" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="born" select="string-join(distinct-values($person/birth/ed:date-start(.)[. ne ''] ! substring(., 1, 4)), '/')"/>
    <xsl:variable name="died" select="string-join(distinct-values($person/death/ed:date-start(.)[. ne ''] ! substring(., 1, 4)), '/')"/>
    <xsl:sequence select="if ($born eq '' and $died eq '') then ''
      else if ($died eq '') then 'born ' || $born
      else if ($born eq '') then 'died ' || $died
      else $born || '–' || $died"/>
  </xsl:function>

  <!-- ===== The chronology ===== -->

  <!-- The year an item of the chronology stands under: its first year, or
       'undated' for an event that neither source dates. -->
  <xsl:function name="ed:chronology-year" as="xs:string">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="if (not(ed:is-dated($item))) then 'undated' else substring(ed:date-sort-key($item), 1, 4)"/>
  </xsl:function>

  <xsl:function name="ed:chronology" as="element()*">
    <xsl:sequence select="sort(($ed:events, $ed:dated-mentions), (), function($item) {
      (ed:date-sort-key($item), if ($item/self::event) then 0 else 1) })"/>
  </xsl:function>

  <xsl:function name="ed:chronology-anchors" as="element()*">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="if ($item/self::event)
      then (ed:dates-of-event($item) | ed:mentions($item))[not(ancestor::note)]
      else $item"/>
  </xsl:function>

</xsl:stylesheet>
