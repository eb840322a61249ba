<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-graphics.xsl: the inline SVG map of places.html and the timeline of
  chronology.html. Both are drawn from the TEI alone (no tiles, no network,
  no script) and are images with a title and description; the registers
  below them hold the same facts as text.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:math="http://www.w3.org/2005/xpath-functions/math"
  xmlns:array="http://www.w3.org/2005/xpath-functions/array"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:h="urn:x-anvar-posho-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- A number for an SVG attribute: at most one decimal, no exponent. -->
  <xsl:function name="h:n" as="xs:string">
    <xsl:param name="x" as="xs:double"/>
    <xsl:sequence select="format-number(round($x * 10) div 10, '0.#')"/>
  </xsl:function>

  <!-- Estimated width of a label in SVG units, for font-size $size. -->
  <xsl:function name="h:text-width" as="xs:double">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="size" as="xs:double"/>
    <xsl:sequence select="string-length($text) * $size * 0.56"/>
  </xsl:function>

  <!-- Do two boxes (x0, y0, x1, y1) overlap? -->
  <xsl:function name="h:overlap" as="xs:boolean">
    <xsl:param name="a" as="xs:double+"/>
    <xsl:param name="b" as="xs:double+"/>
    <xsl:sequence select="$a[1] lt $b[3] and $b[1] lt $a[3] and $a[2] lt $b[4] and $b[2] lt $a[4]"/>
  </xsl:function>

  <!-- ===== Map ===== -->

  <!-- The base map: land, the Aral Sea, the rivers, today's borders, the
       frames' projections and candidate places for the rivers' labels,
       derived once from Natural Earth by scripts/make_basemap.py. -->
  <xsl:variable name="h:basemap" as="element()" select="doc('basemap/basemap.xml')/*"/>

  <!-- A place is part of the story when the article names it (title,
       abstract, body), not only in its list of references (a publisher's town). -->
  <xsl:function name="h:in-story" as="xs:boolean">
    <xsl:param name="place" as="element(place)"/>
    <xsl:sequence select="exists(ed:mentions($place)[not(ancestor::back)])"/>
  </xsl:function>

  <!-- A point (lat, lon) in a frame of the base map: map{x, y}, or () outside it. -->
  <xsl:function name="h:project" as="map(*)?">
    <xsl:param name="frame" as="element()"/>
    <xsl:param name="lat" as="xs:double"/>
    <xsl:param name="lon" as="xs:double"/>
    <xsl:if test="$lon ge xs:double($frame/@west) and $lon le xs:double($frame/@east)
                  and $lat ge xs:double($frame/@south) and $lat le xs:double($frame/@north)">
      <xsl:sequence select="map{
        'x': ($lon - xs:double($frame/@west)) * xs:double($frame/@k) * xs:double($frame/@scale),
        'y': (xs:double($frame/@north) - $lat) * xs:double($frame/@scale)}"/>
    </xsl:if>
  </xsl:function>

  <xsl:template name="h:map">
    <xsl:variable name="story" select="$ed:places[h:in-story(.)]"/>
    <xsl:variable name="pointed" as="map(*)*" select="$story[count(ed:lat-long(.)) = 2] ! map{
      'id': string(@xml:id), 'label': ed:label(.), 'lat': xs:double(ed:lat-long(.)[1]),
      'lon': xs:double(ed:lat-long(.)[2]), 'coords': h:coordinates(ed:lat-long(.)),
      'approx': location/geo/@cert = ('low', 'medium')}"/>
    <xsl:variable name="main" select="$h:basemap/*:frame[@name = 'main']"/>
    <xsl:variable name="inset" select="$h:basemap/*:frame[@name = 'inset']"/>
    <xsl:variable name="map-width" select="xs:double($main/@width)"/>
    <xsl:variable name="map-height" select="xs:double($main/@height)"/>
    <xsl:variable name="inset-width" select="xs:double($inset/@width)"/>
    <xsl:variable name="inset-height" select="xs:double($inset/@height)"/>
    <!-- The inset sits in the main map's top right corner (the steppe, where
         the story has no place). -->
    <xsl:variable name="inset-x" select="$map-width - $inset-width - 6"/>
    <xsl:variable name="inset-y" select="6"/>
    <xsl:variable name="in-main" as="map(*)*" select="$pointed ! (let $xy := h:project($main, ?lat, ?lon)
      return if (exists($xy)) then map:merge((., $xy)) else ())"/>
    <xsl:variable name="in-inset" as="map(*)*" select="$pointed[not(?id = $in-main ! ?id)]
      ! (let $xy := h:project($inset, ?lat, ?lon) return if (exists($xy)) then map:merge((., $xy)) else ())"/>
    <xsl:variable name="off-map" select="$pointed[not(?id = ($in-main, $in-inset) ! ?id)]"/>
    <xsl:variable name="inset-box" select="[$inset-x - 4, $inset-y, $map-width, $inset-y + $inset-height + 22]"/>
    <xsl:variable name="grid-step" select="5"/>
    <xsl:variable name="parallels" select="(xs:integer(ceiling(xs:double($main/@south) div $grid-step)) to xs:integer(floor(xs:double($main/@north) div $grid-step))) ! (. * $grid-step)"/>
    <!-- A parallel's label sits at the map's middle, above its line. -->
    <xsl:variable name="parallel-label" select="function($lat) { map{'x': $map-width div 2, 'y': h:project($main, $lat, xs:double($main/@west))?y - 4, 'text': $lat || '°N'} }"/>
    <xsl:variable name="grid-label-boxes" select="$parallels ! $parallel-label(.) ! [?x, ?y - 11, ?x + h:text-width(?text, 11), ?y + 3]"/>
    <xsl:variable name="water-label-boxes" select="$main/*:water-label ! [xs:double(@x), xs:double(@y) - 12, xs:double(@x) + h:text-width(., 12), xs:double(@y) + 3]"/>
    <xsl:variable name="river-labels" select="h:river-labels($main, $map-width, $map-height,
      ($inset-box, $water-label-boxes, $grid-label-boxes, $in-main ! [?x - 7, ?y - 7, ?x + 7, ?y + 7]), 12)"/>
    <xsl:variable name="main-labels" select="h:place-labels($in-main, $map-width, $map-height,
      ($inset-box, $water-label-boxes, $grid-label-boxes, $river-labels ! ?box), 13)"/>
    <xsl:variable name="inset-labels" select="h:place-labels($in-inset, $inset-width, $inset-height, (), 11)"/>
    <xsl:variable name="regions" select="$story[count(ed:lat-long(.)) ne 2]"/>
    <xsl:variable name="cited-only" select="$ed:places[not(h:in-story(.))][exists(ed:mentions(.))]"/>
    <!-- Places the article does not name: births and deaths of its persons, the
         editors' sources (the entries' editorial notes say which). -->
    <xsl:variable name="facts-only" select="$ed:places[empty(ed:mentions(.))]"/>

    <div class="map-block">
    <figure class="map-figure" id="map">
      <p class="scroll-hint" aria-hidden="true">The map is wider than the screen: scroll it sideways (the Caspian and Aral seas are to the west).</p>
      <div class="svg-scroll" role="region" aria-label="Map of the places (scrolls sideways on small screens)" tabindex="0">
        <svg class="map" viewBox="0 0 {h:n($map-width)} {h:n($map-height)}" width="{h:n($map-width)}" height="{h:n($map-height)}"
             aria-labelledby="map-title map-desc">
          <title id="map-title">Map of the places of the story</title>
          <desc id="map-desc">
            <xsl:text>Central Asia, latitude </xsl:text>
            <xsl:value-of select="$main/@south || '° to ' || $main/@north || '° N, longitude ' || $main/@west || '° to ' || $main/@east || '° E'"/>
            <xsl:text>, with the Caspian Sea, the </xsl:text>
            <xsl:value-of select="$main/*:lake/@name"/>
            <xsl:text> and the rivers </xsl:text>
            <xsl:value-of select="$main/*:river/@name" separator=" and "/>
            <xsl:text>: </xsl:text>
            <xsl:value-of select="$in-main ! (?label || ' (' || ?coords || ')')" separator="; "/>
            <xsl:if test="exists($in-inset)">
              <xsl:text>. In the inset, the wider region: </xsl:text>
              <xsl:value-of select="$in-inset ! (?label || ' (' || ?coords || ')')" separator="; "/>
            </xsl:if>
            <xsl:text>. Each place is a link to its entry.</xsl:text>
          </desc>
          <rect class="map-water" x="0" y="0" width="{h:n($map-width)}" height="{h:n($map-height)}"/>
          <path class="map-land" d="{$main/*:land}"/>
          <path class="map-lake" d="{$main/*:lake}"/>
          <path class="map-modern-border" d="{$main/*:modern-borders}"/>
          <path class="map-river" d="{$main/*:rivers}"/>
          <xsl:for-each select="$main/*:river">
            <path class="map-river named" data-river="{@name}" d="{.}"/>
          </xsl:for-each>
          <g class="graticule" aria-hidden="true">
            <xsl:for-each select="(xs:integer(ceiling(xs:double($main/@west) div $grid-step)) to xs:integer(floor(xs:double($main/@east) div $grid-step))) ! (. * $grid-step)">
              <xsl:variable name="x" select="h:project($main, xs:double($main/@south), .)?x"/>
              <line x1="{h:n($x)}" y1="0" x2="{h:n($x)}" y2="{h:n($map-height)}"/>
              <text class="grid-label" x="{h:n($x + 3)}" y="{h:n($map-height - 6)}"><xsl:value-of select=". || '°E'"/></text>
            </xsl:for-each>
            <xsl:for-each select="$parallels">
              <xsl:variable name="y" select="h:project($main, ., xs:double($main/@west))?y"/>
              <xsl:variable name="label" select="$parallel-label(.)"/>
              <line x1="0" y1="{h:n($y)}" x2="{h:n($map-width)}" y2="{h:n($y)}"/>
              <text class="grid-label" x="{h:n($label?x)}" y="{h:n($label?y)}"><xsl:value-of select="$label?text"/></text>
            </xsl:for-each>
          </g>
          <g class="water-labels" aria-hidden="true">
            <xsl:for-each select="$main/*:water-label">
              <text x="{@x}" y="{@y}" class="on-{@halo}"><xsl:value-of select="."/></text>
            </xsl:for-each>
          </g>
          <g class="river-labels" aria-hidden="true">
            <xsl:for-each select="$river-labels">
              <text transform="translate({h:n(?x)} {h:n(?y)}) rotate({?angle})" x="0" y="-4" text-anchor="middle" data-river="{?name}"><xsl:value-of select="?name"/></text>
            </xsl:for-each>
          </g>
          <g class="places">
            <xsl:for-each select="$main-labels">
              <xsl:call-template name="h:map-marker"/>
            </xsl:for-each>
          </g>
          <xsl:if test="exists($in-inset)">
            <g class="map-inset" transform="translate({h:n($inset-x)} {h:n($inset-y)})">
              <rect class="map-water inset-frame" x="0" y="0" width="{h:n($inset-width)}" height="{h:n($inset-height)}"/>
              <path class="map-land" d="{$inset/*:land}"/>
              <path class="map-lake" d="{$inset/*:lake}"/>
              <xsl:variable name="corner-nw" select="h:project($inset, xs:double($main/@north), xs:double($main/@west))"/>
              <xsl:variable name="corner-se" select="h:project($inset, xs:double($main/@south), xs:double($main/@east))"/>
              <rect class="inset-extent" x="{h:n($corner-nw?x)}" y="{h:n($corner-nw?y)}"
                    width="{h:n($corner-se?x - $corner-nw?x)}" height="{h:n($corner-se?y - $corner-nw?y)}"/>
              <g class="water-labels" aria-hidden="true">
                <xsl:for-each select="$inset/*:water-label">
                  <text x="{@x}" y="{@y}"><xsl:value-of select="."/></text>
                </xsl:for-each>
              </g>
              <g class="places">
                <xsl:for-each select="$inset-labels">
                  <xsl:call-template name="h:map-marker"><xsl:with-param name="size" select="11"/></xsl:call-template>
                </xsl:for-each>
              </g>
              <text class="inset-caption" x="2" y="{h:n($inset-height + 14)}">Inset: the box is the main map</text>
            </g>
          </xsl:if>
          <text class="map-note" x="6" y="{h:n($map-height - 22)}">Dashed lines: today’s borders, for orientation only</text>
        </svg>
      </div>
      <figcaption>
        <xsl:text>The places of the story that have coordinates (WGS84), on Natural Earth’s land and coastlines (1:50 million), equirectangular projection, lines every </xsl:text>
        <xsl:value-of select="$grid-step"/>
        <xsl:text>°. The dashed borders are today’s, not those of the 1920s. The rivers are Natural Earth’s; the Amu Darya and the Syr Darya are named. The Aral Sea is drawn as Natural Earth gives it, the sea of recent decades, shrunk since the 1960s: in 1921 it was far larger.</xsl:text>
        <xsl:if test="exists($pointed[?approx])">
          <xsl:text> A hollow marker means approximate coordinates.</xsl:text>
        </xsl:if>
      </figcaption>
    </figure>
      <div class="map-lists">
        <xsl:if test="exists($pointed)">
          <section aria-labelledby="map-points-head">
            <h2 class="map-list-head" id="map-points-head">On the map</h2>
            <ul>
              <xsl:for-each select="$in-main, $in-inset, $off-map">
                <li><a href="#{?id}"><xsl:value-of select="?label"/></a>
                  <xsl:value-of select="' (' || ?coords || (if (?id = $in-inset ! ?id) then ', in the inset' else if (?id = $off-map ! ?id) then ', off the map' else '') || ')'"/></li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:if>
        <xsl:call-template name="h:map-entry-list">
          <xsl:with-param name="id" select="'map-regions-head'"/>
          <xsl:with-param name="heading" select="'Regions and states without a single point'"/>
          <xsl:with-param name="entries" select="$regions"/>
        </xsl:call-template>
        <xsl:call-template name="h:map-entry-list">
          <xsl:with-param name="id" select="'map-cited-head'"/>
          <xsl:with-param name="heading" select="'Named only in the titles or imprints of cited works, not drawn'"/>
          <xsl:with-param name="entries" select="$cited-only"/>
        </xsl:call-template>
        <xsl:call-template name="h:map-entry-list">
          <xsl:with-param name="id" select="'map-facts-head'"/>
          <xsl:with-param name="heading" select="'Not named in the article, only in the edition’s facts, not drawn'"/>
          <xsl:with-param name="entries" select="$facts-only"/>
        </xsl:call-template>
      </div>
    </div>
  </xsl:template>

  <!-- One place on the map: a link to its entry (a tab stop), its marker and label. -->
  <xsl:template name="h:map-marker">
    <xsl:param name="size" as="xs:double" select="13"/>
    <a href="#{?id}" class="place{if (?approx) then ' approx' else ''}">
      <circle cx="{h:n(?x)}" cy="{h:n(?y)}" r="{if ($size lt 13) then 4 else 5}"/>
      <text x="{h:n(?tx)}" y="{h:n(?ty)}" text-anchor="{?anchor}"><xsl:value-of select="?label"/></text>
    </a>
  </xsl:template>

  <!-- A list beside the map of places it does not draw, each a link to its
       entry, under a heading with the given id; nothing when there are none. -->
  <xsl:template name="h:map-entry-list">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="heading" as="xs:string"/>
    <xsl:param name="entries" as="element(place)*"/>
    <xsl:if test="exists($entries)">
      <section aria-labelledby="{$id}">
        <h2 class="map-list-head" id="{$id}"><xsl:value-of select="$heading"/></h2>
        <ul>
          <xsl:for-each select="$entries">
            <li><a href="#{@xml:id}"><xsl:value-of select="ed:label(.)"/></a></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The label of each named river: the first of its candidate places
       (basemap.xml, in order of preference) whose box stays inside the map and
       clear of the blocked boxes (places, other labels, the inset); else its
       first. The text is turned to the river's direction, so its box is the
       bounding box of the turned text. -->
  <xsl:function name="h:river-labels" as="map(*)*">
    <xsl:param name="frame" as="element()"/>
    <xsl:param name="width" as="xs:double"/>
    <xsl:param name="height" as="xs:double"/>
    <xsl:param name="blocked" as="array(*)*"/>
    <xsl:param name="size" as="xs:double"/>
    <xsl:for-each select="$frame/*:river/@name">
      <xsl:variable name="name" select="string(.)"/>
      <xsl:variable name="half" select="h:text-width($name, $size) div 2"/>
      <xsl:variable name="spots" as="map(*)*" select="$frame/*:river-label-spot[@river = $name] ! (
        let $x := xs:double(@x), $y := xs:double(@y), $a := xs:double(@angle) * math:pi() div 180,
            $corners := for $cx in (- $half, $half), $cy in (-4 - $size + 2, -4 + 3)
                        return [$x + $cx * math:cos($a) - $cy * math:sin($a), $y + $cx * math:sin($a) + $cy * math:cos($a)]
        return map{'name': $name, 'x': $x, 'y': $y, 'angle': string(@angle),
          'box': [min($corners ! ?1), min($corners ! ?2), max($corners ! ?1), max($corners ! ?2)]})"/>
      <xsl:sequence select="($spots[?box?1 ge 2 and ?box?3 le $width - 2 and ?box?2 ge 2 and ?box?4 le $height - 18]
        [let $box := array:flatten(?box) return every $b in $blocked satisfies not(h:overlap($box, array:flatten($b)))], $spots)[1]"/>
    </xsl:for-each>
  </xsl:function>

  <!-- Greedy label placement: each label takes the first of eight positions
       around its point that overlaps no label placed so far, no other point,
       and stays inside the map. -->
  <xsl:function name="h:place-labels" as="map(*)*">
    <xsl:param name="points" as="map(*)*"/>
    <xsl:param name="width" as="xs:double"/>
    <xsl:param name="height" as="xs:double"/>
    <xsl:param name="reserved" as="array(*)*"/>
    <xsl:param name="size" as="xs:double"/>
    <xsl:variable name="candidates" as="array(*)*" select="
      [9, 4, 'start'], [-9, 4, 'end'], [0, -10, 'middle'], [0, 19, 'middle'],
      [8, -7, 'start'], [8, 16, 'start'], [-8, -7, 'end'], [-8, 16, 'end']"/>
    <xsl:variable name="dots" select="$points ! [?x - 6, ?y - 6, ?x + 6, ?y + 6]"/>
    <xsl:iterate select="sort($points, (), function($point) { $point?x })">
      <xsl:param name="boxes" as="array(*)*" select="$dots, $reserved"/>
      <xsl:param name="done" as="map(*)*" select="()"/>
      <xsl:on-completion select="$done"/>
      <xsl:variable name="point" select="."/>
      <xsl:variable name="label-width" select="h:text-width($point?label, $size)"/>
      <xsl:variable name="options" as="map(*)*" select="$candidates ! (
        let $tx := $point?x + ?1, $ty := $point?y + ?2, $anchor := ?3,
            $x0 := if ($anchor = 'start') then $tx else if ($anchor = 'end') then $tx - $label-width else $tx - $label-width div 2
        return map{'tx': $tx, 'ty': $ty, 'anchor': $anchor, 'box': [$x0, $ty - $size + 2, $x0 + $label-width, $ty + 3]})"/>
      <xsl:variable name="inside" select="$options[?box?1 ge 2 and ?box?3 le $width - 2 and ?box?2 ge 2 and ?box?4 le $height - 18]"/>
      <xsl:variable name="own" select="[$point?x - 6, $point?y - 6, $point?x + 6, $point?y + 6]"/>
      <xsl:variable name="free" select="$inside[let $option := . return
        every $box in $boxes[not(deep-equal(., $own))] satisfies not(h:overlap(array:flatten($option?box), array:flatten($box)))]"/>
      <xsl:variable name="choice" select="($free, $inside, $options)[1]"/>
      <xsl:next-iteration>
        <xsl:with-param name="boxes" select="$boxes, $choice?box"/>
        <xsl:with-param name="done" select="$done, map:merge(($point, map:remove($choice, 'box')))"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- ===== Timeline ===== -->

  <!-- Fractional year of an ISO date: its start, or (end = true) its end. -->
  <xsl:function name="h:year-of" as="xs:double">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:param name="end" as="xs:boolean"/>
    <xsl:variable name="y" select="xs:double(substring($iso, 1, 4))"/>
    <xsl:variable name="m" select="if (string-length($iso) ge 7) then xs:double(substring($iso, 6, 2)) else ()"/>
    <xsl:variable name="d" select="if (string-length($iso) ge 10) then xs:double(substring($iso, 9, 2)) else ()"/>
    <xsl:sequence select="
      if (exists($d)) then $y + ($m - 1) div 12 + ($d - 1) div 365 + (if ($end) then 1 div 365 else 0)
      else if (exists($m)) then $y + ($m - 1) div 12 + (if ($end) then 1 div 12 else 0)
      else $y + (if ($end) then 1 else 0)"/>
  </xsl:function>

  <xsl:template name="h:timeline">
    <xsl:param name="items" as="element()*"/>
    <!-- Only what has an ISO year can be placed on the axis. -->
    <xsl:variable name="placeable" select="$items[matches(ed:date-start(.), '^\d{4}') and matches(ed:date-end(.), '^\d{4}')]"/>
    <xsl:if test="exists($placeable)">
      <xsl:call-template name="h:timeline-figure"><xsl:with-param name="items" select="$placeable"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="h:timeline-figure">
    <xsl:param name="items" as="element()*"/>
    <xsl:variable name="events" select="$items[self::event]"/>
    <xsl:variable name="dates" select="$items[self::date]"/>
    <xsl:variable name="start" select="floor(min($items ! h:year-of(ed:date-start(.), false())) div 10) * 10"/>
    <xsl:variable name="end" select="ceiling(max($items ! h:year-of(ed:date-end(.), true())) div 10) * 10"/>
    <!-- The article's own period (the date in its title) is drawn again in detail. -->
    <xsl:variable name="period" select="($h:title-page//date[@from and @to], $h:title-page//date[@when])
      [matches(ed:date-start(.), '^\d{4}') and matches(ed:date-end(.), '^\d{4}')][1]"/>
    <xsl:variable name="period-start" select="if ($period) then h:year-of(ed:date-start($period), false()) else ()"/>
    <xsl:variable name="period-end" select="if ($period) then h:year-of(ed:date-end($period), true()) else ()"/>
    <figure class="timeline-figure" id="timeline">
      <p class="scroll-hint" aria-hidden="true">The timelines are wider than the screen: scroll them sideways.</p>
      <div class="svg-scroll" role="region" aria-label="Timelines (scroll sideways on small screens)" tabindex="0">
        <xsl:call-template name="h:timeline-panel">
          <xsl:with-param name="id" select="'timeline-all'"/>
          <xsl:with-param name="title" select="'Timeline, ' || $start || ' to ' || $end"/>
          <xsl:with-param name="start" select="$start"/>
          <xsl:with-param name="end" select="$end"/>
          <xsl:with-param name="events" select="$events"/>
          <xsl:with-param name="dates" select="$dates"/>
          <xsl:with-param name="detail" select="$period-start, $period-end"/>
        </xsl:call-template>
        <xsl:if test="exists($period-start)">
          <xsl:call-template name="h:timeline-panel">
            <xsl:with-param name="id" select="'timeline-period'"/>
            <xsl:with-param name="title" select="'Timeline of the article''s period, ' || ed:format-date($period)"/>
            <xsl:with-param name="start" select="$period-start"/>
            <xsl:with-param name="end" select="$period-end"/>
            <xsl:with-param name="events" select="$events[h:year-of(ed:date-start(.), false()) lt $period-end and h:year-of(ed:date-end(.), true()) gt $period-start]"/>
            <xsl:with-param name="dates" select="$dates[h:year-of(ed:date-start(.), false()) lt $period-end and h:year-of(ed:date-end(.), true()) gt $period-start]"/>
          </xsl:call-template>
        </xsl:if>
      </div>
      <figcaption>
        <xsl:text>Above the axis, the events of the register; below it, what the article dates, one mark per distinct date with the number of mentions (×n). Bars are periods, drawn from their start to their end; an arrow (← →) means a period goes on beyond the panel. Every mark links to its entry in the list below. </xsl:text>
        <xsl:if test="exists($period-start)">
          <xsl:text>The second timeline enlarges the article's period, </xsl:text>
          <xsl:value-of select="ed:format-date($period)"/>
          <xsl:text>, shaded in the first.</xsl:text>
        </xsl:if>
        <xsl:text> The list below gives every item in full.</xsl:text>
      </figcaption>
    </figure>
  </xsl:template>

  <!-- One timeline: events above the axis, dated mentions (grouped by their
       ISO value) below, each in the first free lane. Marks are links to the
       chronology's items; those the enlarged panel repeats are drawn but not
       linked in the overview (one tab stop per item). -->
  <xsl:template name="h:timeline-panel">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="start" as="xs:double"/>
    <xsl:param name="end" as="xs:double"/>
    <xsl:param name="events" as="element()*"/>
    <xsl:param name="dates" as="element()*"/>
    <xsl:param name="detail" as="xs:double*" select="()"/>
    <xsl:variable name="panel-width" select="760"/>
    <xsl:variable name="pad" select="16"/>
    <xsl:variable name="scale" select="($panel-width - 2 * $pad) div ($end - $start)"/>
    <xsl:variable name="x" select="function($year as xs:double) as xs:double { $pad + ($year - $start) * $scale }"/>
    <xsl:variable name="in-detail" select="function($e as element()) as xs:boolean {
      exists($detail) and h:year-of(ed:date-start($e), false()) ge $detail[1] and h:year-of(ed:date-end($e), true()) le $detail[2] }"/>
    <xsl:variable name="size" select="12"/>

    <xsl:variable name="event-marks" as="map(*)*">
      <xsl:for-each select="$events">
        <xsl:variable name="x0" select="$x(h:year-of(ed:date-start(.), false()))"/>
        <xsl:variable name="x1" select="max(($x(h:year-of(ed:date-end(.), true())), $x0 + 1))"/>
        <xsl:sequence select="map:merge((h:mark($x0, $x1, if ($in-detail(.)) then '' else ed:label(.), $size, $pad, $panel-width - $pad, $in-detail(.)),
          map{'href': '#' || @xml:id, 'name': ed:label(.), 'when': ed:format-date(.)}))"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="date-marks" as="map(*)*">
      <xsl:for-each-group select="$dates" group-by="ed:iso-range(.)">
        <xsl:variable name="x0" select="$x(h:year-of(ed:date-start(.), false()))"/>
        <xsl:variable name="x1" select="max(($x(h:year-of(ed:date-end(.), true())), $x0 + 1))"/>
        <xsl:variable name="n" select="count(current-group())"/>
        <xsl:variable name="label" select="normalize-space(.) || (if ($n gt 1) then ' ×' || $n else '')"/>
        <xsl:sequence select="map:merge((h:mark($x0, $x1, if ($in-detail(.)) then '' else $label, $size, $pad, $panel-width - $pad, $in-detail(.)),
          map{'href': '#' || ed:date-id(current-group()[1]),
              'name': $label, 'when': ed:format-date(.) || (if ($n gt 1) then ', ' || $n || ' mentions' else '')}))"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="placed-events" select="h:lanes($event-marks)"/>
    <xsl:variable name="placed-dates" select="h:lanes($date-marks)"/>
    <xsl:variable name="lane-height" select="20"/>
    <xsl:variable name="event-lanes" select="max((1, $placed-events[not(?float)] ! ?lane))"/>
    <xsl:variable name="date-lanes" select="max((1, $placed-dates[not(?float)] ! ?lane))"/>
    <xsl:variable name="axis" select="12 + $event-lanes * $lane-height + 6"/>
    <xsl:variable name="panel-height" select="$axis + 28 + $date-lanes * $lane-height + 4"/>
    <xsl:variable name="span" select="$end - $start"/>
    <xsl:variable name="monthly" select="$span le 4"/>
    <xsl:variable name="tick-step" select="if ($monthly) then 1 div 12 else (1, 2, 5, 10, 20, 50)[$span div . le 14][1]"/>

    <svg class="timeline" viewBox="0 0 {$panel-width} {h:n($panel-height)}" width="{$panel-width}" height="{h:n($panel-height)}"
         aria-labelledby="{$id}-title {$id}-desc">
      <title id="{$id}-title"><xsl:value-of select="$title"/></title>
      <desc id="{$id}-desc">
        <xsl:value-of select="h:count(count($events), 'event')"/>
        <xsl:text> and </xsl:text>
        <xsl:value-of select="h:count(count($dates), 'dated mention')"/>
        <xsl:text>. Each mark links to its item in the chronology.</xsl:text>
      </desc>
      <xsl:if test="exists($detail)">
        <rect class="detail-band" x="{h:n($x($detail[1]))}" y="0" width="{h:n(max(($x($detail[2]) - $x($detail[1]), 2)))}" height="{h:n($panel-height)}"/>
      </xsl:if>
      <line class="axis" x1="{$pad}" y1="{h:n($axis)}" x2="{$panel-width - $pad}" y2="{h:n($axis)}"/>
      <g class="ticks" aria-hidden="true">
        <xsl:for-each select="0 to xs:integer(floor($span div $tick-step + 0.0001))">
          <xsl:variable name="t" select="$start + . * $tick-step"/>
          <xsl:variable name="tx" select="$x($t)"/>
          <xsl:variable name="month" select="xs:integer(round(($t - floor($t)) * 12)) mod 12 + 1"/>
          <xsl:variable name="year" select="xs:integer(floor($t + 0.0001))"/>
          <xsl:if test="$t le $end + 0.0001">
            <line x1="{h:n($tx)}" y1="{h:n($axis - 4)}" x2="{h:n($tx)}" y2="{h:n($axis + 4)}"/>
            <xsl:if test="not($monthly) or ($month - 1) mod 3 = 0">
              <text x="{h:n($tx)}" y="{h:n($axis + 17)}" text-anchor="middle">
                <xsl:value-of select="if ($monthly) then (if ($month = 1) then string($year) else format-date(xs:date($year || '-' || format-number($month, '00') || '-01'), '[MNn,*-3]', 'en', (), ())) else string($year)"/>
              </text>
            </xsl:if>
          </xsl:if>
        </xsl:for-each>
      </g>
      <g class="events">
        <xsl:for-each select="$placed-events">
          <xsl:variable name="y" select="if (?float) then $axis else 12 + ($event-lanes - ?lane) * $lane-height + 8"/>
          <xsl:call-template name="h:draw-mark">
            <xsl:with-param name="mark" select="."/><xsl:with-param name="y" select="$y"/><xsl:with-param name="kind" select="'event'"/>
          </xsl:call-template>
        </xsl:for-each>
      </g>
      <g class="dates">
        <xsl:for-each select="$placed-dates">
          <xsl:variable name="y" select="if (?float) then $axis else $axis + 28 + (?lane - 1) * $lane-height + 4"/>
          <xsl:call-template name="h:draw-mark">
            <xsl:with-param name="mark" select="."/><xsl:with-param name="y" select="$y"/><xsl:with-param name="kind" select="'date'"/>
          </xsl:call-template>
        </xsl:for-each>
      </g>
    </svg>
  </xsl:template>

  <!-- A mark of the timeline: its extent clipped to the panel (and whether it
       was clipped, so that its label says it goes on), where its label goes
       (right of it, left of it, or inside a long bar) and the extent it
       occupies in its lane. A mark without a label inside the enlarged period
       "floats" on the axis: it takes no lane of its own. -->
  <xsl:function name="h:mark" as="map(*)">
    <xsl:param name="x0" as="xs:double"/>
    <xsl:param name="x1" as="xs:double"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="size" as="xs:double"/>
    <xsl:param name="lo" as="xs:double"/>
    <xsl:param name="hi" as="xs:double"/>
    <xsl:param name="float" as="xs:boolean"/>
    <xsl:variable name="left" select="max(($lo, min(($x0, $hi - 1))))"/>
    <xsl:variable name="right" select="max(($left + 1, min(($x1, $hi))))"/>
    <xsl:variable name="shown" select="if ($label = '') then ''
      else (if ($x0 lt $lo - 0.5) then '← ' else '') || $label || (if ($x1 gt $hi + 0.5) then ' →' else '')"/>
    <xsl:variable name="label-width" select="if ($shown = '') then 0 else h:text-width($shown, $size) + 6"/>
    <xsl:variable name="side" select="
      if ($shown = '' or $right + $label-width le $hi + 12) then 'right'
      else if ($left - $label-width ge $lo - 12) then 'left'
      else 'inside'"/>
    <xsl:sequence select="map{'x0': $left, 'x1': $right, 'label': $shown, 'side': $side, 'float': $float,
      'o0': (if ($side = 'left') then $left - $label-width else $left) - 3,
      'o1': (if ($side = 'right') then $right + $label-width else $right) + 3}"/>
  </xsl:function>

  <!-- Draw a mark as a link: a dot (an instant), a bar (a period from its
       start to its end) or, when its label fits neither beside it, a taller
       bar that carries the label inside it. -->
  <xsl:template name="h:draw-mark">
    <xsl:param name="mark" as="map(*)"/>
    <xsl:param name="y" as="xs:double"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="shape" as="element()*">
      <xsl:choose>
        <xsl:when test="$mark?side = 'inside' and $mark?label ne ''">
          <rect class="bar-labelled" x="{h:n($mark?x0)}" y="{h:n($y - 8)}" width="{h:n($mark?x1 - $mark?x0)}" height="16" rx="3"/>
        </xsl:when>
        <xsl:when test="$mark?x1 - $mark?x0 ge 4">
          <rect x="{h:n($mark?x0)}" y="{h:n($y - 3)}" width="{h:n($mark?x1 - $mark?x0)}" height="6" rx="3"/>
        </xsl:when>
        <xsl:otherwise>
          <circle cx="{h:n(($mark?x0 + $mark?x1) div 2)}" cy="{h:n($y)}" r="4"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$mark?label ne ''">
        <text x="{h:n(if ($mark?side = 'right') then $mark?x1 + 6 else if ($mark?side = 'left') then $mark?x0 - 6 else $mark?x0 + 6)}"
              y="{h:n($y + 4)}"
              text-anchor="{if ($mark?side = 'left') then 'end' else 'start'}">
          <xsl:value-of select="$mark?label"/>
        </text>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$mark?float">
        <g class="mark mark-{$kind}" aria-hidden="true"><xsl:sequence select="$shape"/></g>
      </xsl:when>
      <xsl:otherwise>
        <!-- The accessible name begins with the visible label (WCAG 2.5.3). -->
        <a class="mark mark-{$kind}" href="{$mark?href}" aria-label="{($mark?label[. ne ''], $mark?name)[1] || ', ' || $mark?when}"><xsl:sequence select="$shape"/></a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- First-fit lanes (1, 2, ...) for marks, by their occupied extent. -->
  <xsl:function name="h:lanes" as="map(*)*">
    <xsl:param name="marks" as="map(*)*"/>
    <xsl:iterate select="sort($marks, (), function($m) { $m?o0 })">
      <xsl:param name="ends" as="xs:double*" select="()"/>
      <xsl:param name="done" as="map(*)*" select="()"/>
      <xsl:on-completion select="$done"/>
      <xsl:variable name="m" select="."/>
      <xsl:variable name="lane" select="if ($m?float) then 1
        else (for $i in 1 to count($ends) return $i[$ends[$i] lt $m?o0], count($ends) + 1)[1]"/>
      <xsl:next-iteration>
        <xsl:with-param name="ends" select="if ($m?float) then $ends
          else if ($lane gt count($ends)) then ($ends, $m?o1)
          else (subsequence($ends, 1, $lane - 1), $m?o1, subsequence($ends, $lane + 1))"/>
        <xsl:with-param name="done" select="$done, map:put($m, 'lane', $lane)"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

</xsl:stylesheet>
