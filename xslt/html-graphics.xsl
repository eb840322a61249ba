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

  <xsl:variable name="h:map-width" as="xs:double" select="760"/>

  <xsl:template name="h:map">
    <xsl:variable name="all" as="map(*)*" select="$ed:places[count(ed:lat-long(.)) = 2] ! map{
      'id': string(@xml:id), 'label': ed:label(.), 'lat': xs:double(ed:lat-long(.)[1]),
      'lon': xs:double(ed:lat-long(.)[2]), 'coords': h:coordinates(ed:lat-long(.)), 'approx': location/geo/@cert = ('low', 'medium')}"/>
    <xsl:if test="exists($all)">
      <xsl:variable name="lons" select="sort($all ! ?lon)"/>
      <xsl:variable name="lats" select="sort($all ! ?lat)"/>
      <xsl:variable name="mid-lon" select="$lons[(count($lons) + 1) idiv 2]"/>
      <xsl:variable name="mid-lat" select="$lats[(count($lats) + 1) idiv 2]"/>
      <!-- Places far from the others would shrink the map to a strip: they
           are shown at its edge, pointing where they lie. -->
      <xsl:variable name="in" select="$all[abs(?lon - $mid-lon) le 60 and abs(?lat - $mid-lat) le 35]"/>
      <xsl:variable name="out" select="$all[not(abs(?lon - $mid-lon) le 60 and abs(?lat - $mid-lat) le 35)]"/>
      <xsl:variable name="lon-min" select="min($in ! ?lon)"/>
      <xsl:variable name="lon-max" select="max($in ! ?lon)"/>
      <xsl:variable name="lat-min" select="min($in ! ?lat)"/>
      <xsl:variable name="lat-max" select="max($in ! ?lat)"/>
      <xsl:variable name="pad-lon" select="max((2, ($lon-max - $lon-min) * 0.08))"/>
      <xsl:variable name="pad-lat" select="max((2, ($lat-max - $lat-min) * 0.12))"/>
      <xsl:variable name="lon0" select="$lon-min - $pad-lon - (if (exists($out[?lon lt $mid-lon])) then $pad-lon else 0)"/>
      <xsl:variable name="lon1" select="$lon-max + $pad-lon + (if (exists($out[?lon gt $mid-lon])) then $pad-lon else 0)"/>
      <xsl:variable name="k" select="math:cos(($lat-min + $lat-max) div 2 * math:pi() div 180)"/>
      <xsl:variable name="W" select="$h:map-width"/>
      <xsl:variable name="s" select="$W div (($lon1 - $lon0) * $k)"/>
      <xsl:variable name="lat-span0" select="$lat-max - $lat-min + 2 * $pad-lat"/>
      <!-- At least 300 units high: widen the latitude range evenly. -->
      <xsl:variable name="extra" select="max((0, (300 div $s - $lat-span0) div 2))"/>
      <xsl:variable name="lat1" select="$lat-max + $pad-lat + $extra"/>
      <xsl:variable name="lat0" select="$lat-min - $pad-lat - $extra"/>
      <xsl:variable name="H" select="($lat1 - $lat0) * $s"/>
      <xsl:variable name="pts" as="map(*)*" select="$in ! map:merge((., map{
        'x': (?lon - $lon0) * $k * $s, 'y': ($lat1 - ?lat) * $s}))"/>
      <xsl:variable name="span" select="max(($lon1 - $lon0, $lat1 - $lat0))"/>
      <xsl:variable name="step" select="(1, 2, 5, 10, 15, 20, 30)[$span div . le 12][1]"/>
      <xsl:variable name="reserved" as="array(*)*" select="$out ! (
        let $y := $H - 30 - (position() - 1) * 18, $w := h:text-width(?label || ' (' || ?coords || ')', 12) + 24
        return if (?lon lt $mid-lon) then [0, $y - 13, $w, $y + 4] else [$W - $w, $y - 13, $W, $y + 4])"/>
      <xsl:variable name="placed" select="h:place-labels($pts, $W, $H, $reserved)"/>
      <xsl:variable name="range-text" select="'latitude ' || h:n($lat0) || '° to ' || h:n($lat1) || '°, longitude ' || h:n($lon0) || '° to ' || h:n($lon1) || '°'"/>

      <figure class="map-figure" id="map">
        <div class="svg-scroll" role="region" aria-label="Map of places (scrolls sideways on small screens)" tabindex="0">
          <svg class="map" viewBox="0 0 {h:n($W)} {h:n($H)}" width="{h:n($W)}" height="{h:n($H)}"
               role="img" aria-labelledby="map-title map-desc">
            <title id="map-title">Map of the <xsl:value-of select="count($all)"/> places with coordinates</title>
            <desc id="map-desc">
              <xsl:text>Equirectangular projection, </xsl:text>
              <xsl:value-of select="$range-text"/>
              <xsl:text>. </xsl:text>
              <xsl:value-of select="$in ! (?label || ' (' || ?coords || ')')" separator="; "/>
              <xsl:if test="exists($out)">
                <xsl:text>. Off the map: </xsl:text>
                <xsl:value-of select="$out ! (?label || ' (' || ?coords || ')')" separator="; "/>
              </xsl:if>
              <xsl:text>.</xsl:text>
            </desc>
            <rect class="map-bg" x="0" y="0" width="{h:n($W)}" height="{h:n($H)}"/>
            <g class="graticule">
              <xsl:for-each select="(xs:integer(ceiling($lon0 div $step)) to xs:integer(floor($lon1 div $step))) ! (. * $step)">
                <xsl:variable name="x" select="(. - $lon0) * $k * $s"/>
                <line x1="{h:n($x)}" y1="0" x2="{h:n($x)}" y2="{h:n($H)}"/>
                <text class="grid-label" x="{h:n($x + 3)}" y="{h:n($H - 6)}"><xsl:value-of select="abs(.) || '°' || (if (. lt 0) then 'W' else if (. gt 0) then 'E' else '')"/></text>
              </xsl:for-each>
              <xsl:for-each select="(xs:integer(ceiling($lat0 div $step)) to xs:integer(floor($lat1 div $step))) ! (. * $step)">
                <xsl:variable name="y" select="($lat1 - .) * $s"/>
                <line x1="0" y1="{h:n($y)}" x2="{h:n($W)}" y2="{h:n($y)}"/>
                <text class="grid-label" x="4" y="{h:n($y - 4)}"><xsl:value-of select="abs(.) || '°' || (if (. lt 0) then 'S' else if (. gt 0) then 'N' else '')"/></text>
              </xsl:for-each>
            </g>
            <g class="places">
              <xsl:for-each select="$placed">
                <g class="place{if (?approx) then ' approx' else ''}">
                  <circle cx="{h:n(?x)}" cy="{h:n(?y)}" r="5"/>
                  <text x="{h:n(?tx)}" y="{h:n(?ty)}" text-anchor="{?anchor}"><xsl:value-of select="?label"/></text>
                </g>
              </xsl:for-each>
            </g>
            <g class="off-map">
              <xsl:for-each select="$out">
                <xsl:variable name="west" select="?lon lt $mid-lon"/>
                <xsl:variable name="y" select="$H - 30 - (position() - 1) * 18"/>
                <xsl:variable name="text" select="?label || ' (' || ?coords || ')'"/>
                <xsl:choose>
                  <xsl:when test="$west">
                    <path d="M 6 {h:n($y - 4)} l 10 -6 l 0 12 z"/>
                    <text x="20" y="{h:n($y)}"><xsl:value-of select="$text"/></text>
                  </xsl:when>
                  <xsl:otherwise>
                    <path d="M {h:n($W - 6)} {h:n($y - 4)} l -10 -6 l 0 12 z"/>
                    <text x="{h:n($W - 20)}" y="{h:n($y)}" text-anchor="end"><xsl:value-of select="$text"/></text>
                  </xsl:otherwise>
                </xsl:choose>
              </xsl:for-each>
            </g>
          </svg>
        </div>
        <figcaption>
          <xsl:text>The places of the register that have coordinates (WGS84), drawn in an equirectangular projection (</xsl:text>
          <xsl:value-of select="$range-text"/>
          <xsl:text>; lines every </xsl:text>
          <xsl:value-of select="$step"/>
          <xsl:text>°).</xsl:text>
          <xsl:if test="exists($out)">
            <xsl:text> Far from the others, and shown by an arrow at the edge: </xsl:text>
            <xsl:value-of select="$out ! ?label" separator=", "/>
            <xsl:text>.</xsl:text>
          </xsl:if>
          <xsl:if test="exists($all[?approx])">
            <xsl:text> A hollow marker means approximate coordinates.</xsl:text>
          </xsl:if>
          <xsl:variable name="regions" select="$ed:places[count(ed:lat-long(.)) ne 2]"/>
          <xsl:if test="exists($regions)">
            <xsl:text> Not drawn, as they have no single point: </xsl:text>
            <xsl:value-of select="$regions ! ed:label(.)" separator=", "/>
            <xsl:text>.</xsl:text>
          </xsl:if>
        </figcaption>
      </figure>
    </xsl:if>
  </xsl:template>

  <!-- Greedy label placement: each label takes the first of eight positions
       around its point that overlaps no label placed so far, no other point,
       and stays inside the map. -->
  <xsl:function name="h:place-labels" as="map(*)*">
    <xsl:param name="pts" as="map(*)*"/>
    <xsl:param name="W" as="xs:double"/>
    <xsl:param name="H" as="xs:double"/>
    <xsl:param name="reserved" as="array(*)*"/>
    <xsl:variable name="size" select="13"/>
    <xsl:variable name="candidates" as="array(*)*" select="
      [9, 4, 'start'], [-9, 4, 'end'], [0, -10, 'middle'], [0, 19, 'middle'],
      [8, -7, 'start'], [8, 16, 'start'], [-8, -7, 'end'], [-8, 16, 'end']"/>
    <xsl:variable name="dots" select="$pts ! [?x - 6, ?y - 6, ?x + 6, ?y + 6]"/>
    <xsl:iterate select="sort($pts, (), function($p) { $p?x })">
      <xsl:param name="boxes" as="array(*)*" select="$dots, $reserved"/>
      <xsl:param name="done" as="map(*)*" select="()"/>
      <xsl:on-completion select="$done"/>
      <xsl:variable name="p" select="."/>
      <xsl:variable name="w" select="h:text-width($p?label, $size)"/>
      <xsl:variable name="options" as="map(*)*" select="$candidates ! (
        let $tx := $p?x + ?1, $ty := $p?y + ?2, $a := ?3,
            $x0 := if ($a = 'start') then $tx else if ($a = 'end') then $tx - $w else $tx - $w div 2
        return map{'tx': $tx, 'ty': $ty, 'anchor': $a, 'box': [$x0, $ty - $size + 2, $x0 + $w, $ty + 3]})"/>
      <xsl:variable name="inside" select="$options[?box?1 ge 2 and ?box?3 le $W - 2 and ?box?2 ge 2 and ?box?4 le $H - 18]"/>
      <xsl:variable name="own" select="[$p?x - 6, $p?y - 6, $p?x + 6, $p?y + 6]"/>
      <xsl:variable name="free" select="$inside[let $o := . return
        every $b in $boxes[not(deep-equal(., $own))] satisfies not(h:overlap(array:flatten($o?box), array:flatten($b)))]"/>
      <xsl:variable name="choice" select="($free, $inside, $options)[1]"/>
      <xsl:next-iteration>
        <xsl:with-param name="boxes" select="$boxes, $choice?box"/>
        <xsl:with-param name="done" select="$done, map:merge(($p, map:remove($choice, 'box')))"/>
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
    <xsl:variable name="p0" select="if ($period) then h:year-of(ed:date-start($period), false()) else ()"/>
    <xsl:variable name="p1" select="if ($period) then h:year-of(ed:date-end($period), true()) else ()"/>
    <figure class="timeline-figure" id="timeline">
      <div class="svg-scroll" role="region" aria-label="Timelines (scroll sideways on small screens)" tabindex="0">
        <xsl:call-template name="h:timeline-panel">
          <xsl:with-param name="id" select="'timeline-all'"/>
          <xsl:with-param name="title" select="'Timeline, ' || $start || ' to ' || $end"/>
          <xsl:with-param name="start" select="$start"/>
          <xsl:with-param name="end" select="$end"/>
          <xsl:with-param name="events" select="$events"/>
          <xsl:with-param name="dates" select="$dates"/>
          <xsl:with-param name="detail" select="$p0, $p1"/>
        </xsl:call-template>
        <xsl:if test="exists($p0)">
          <xsl:call-template name="h:timeline-panel">
            <xsl:with-param name="id" select="'timeline-period'"/>
            <xsl:with-param name="title" select="'Timeline of the article''s period, ' || ed:format-date($period)"/>
            <xsl:with-param name="start" select="$p0"/>
            <xsl:with-param name="end" select="$p1"/>
            <xsl:with-param name="events" select="$events[h:year-of(ed:date-start(.), false()) lt $p1 and h:year-of(ed:date-end(.), true()) gt $p0]"/>
            <xsl:with-param name="dates" select="$dates[h:year-of(ed:date-start(.), false()) lt $p1 and h:year-of(ed:date-end(.), true()) gt $p0]"/>
          </xsl:call-template>
        </xsl:if>
      </div>
      <figcaption>
        <xsl:text>Above the axis, the events of the register; below it, what the article dates, one mark per distinct date with the number of mentions (×n). Bars are periods. </xsl:text>
        <xsl:if test="exists($p0)">
          <xsl:text>The second timeline enlarges the article's period, </xsl:text>
          <xsl:value-of select="ed:format-date($period)"/>
          <xsl:text>, shaded in the first.</xsl:text>
        </xsl:if>
        <xsl:text> The list below gives every item in full.</xsl:text>
      </figcaption>
    </figure>
  </xsl:template>

  <!-- One timeline: events above the axis, dated mentions (grouped by their
       ISO value) below, each in the first free lane. -->
  <xsl:template name="h:timeline-panel">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="start" as="xs:double"/>
    <xsl:param name="end" as="xs:double"/>
    <xsl:param name="events" as="element()*"/>
    <xsl:param name="dates" as="element()*"/>
    <xsl:param name="detail" as="xs:double*" select="()"/>
    <xsl:variable name="W" select="760"/>
    <xsl:variable name="pad" select="16"/>
    <xsl:variable name="scale" select="($W - 2 * $pad) div ($end - $start)"/>
    <xsl:variable name="x" select="function($year as xs:double) as xs:double { $pad + ($year - $start) * $scale }"/>
    <xsl:variable name="in-detail" select="function($e as element()) as xs:boolean {
      exists($detail) and h:year-of(ed:date-start($e), false()) ge $detail[1] and h:year-of(ed:date-end($e), true()) le $detail[2] }"/>
    <xsl:variable name="size" select="12"/>

    <xsl:variable name="event-marks" as="map(*)*">
      <xsl:for-each select="$events">
        <xsl:variable name="x0" select="$x(h:year-of(ed:date-start(.), false()))"/>
        <xsl:variable name="x1" select="max(($x(h:year-of(ed:date-end(.), true())), $x0 + 1))"/>
        <xsl:sequence select="h:mark(., $x0, $x1, if ($in-detail(.)) then '' else ed:label(.), $size, $pad, $W - $pad, $in-detail(.))"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="date-marks" as="map(*)*">
      <xsl:for-each-group select="$dates" group-by="ed:iso-range(.)">
        <xsl:variable name="x0" select="$x(h:year-of(ed:date-start(.), false()))"/>
        <xsl:variable name="x1" select="max(($x(h:year-of(ed:date-end(.), true())), $x0 + 1))"/>
        <xsl:variable name="n" select="count(current-group())"/>
        <xsl:variable name="label" select="normalize-space(.) || (if ($n gt 1) then ' ×' || $n else '')"/>
        <xsl:sequence select="h:mark(., $x0, $x1, if ($in-detail(.)) then '' else $label, $size, $pad, $W - $pad, $in-detail(.))"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="ev" select="h:lanes($event-marks)"/>
    <xsl:variable name="dt" select="h:lanes($date-marks)"/>
    <xsl:variable name="lane-h" select="20"/>
    <xsl:variable name="ev-lanes" select="max((1, $ev[not(?float)] ! ?lane))"/>
    <xsl:variable name="dt-lanes" select="max((1, $dt[not(?float)] ! ?lane))"/>
    <xsl:variable name="axis" select="12 + $ev-lanes * $lane-h + 6"/>
    <xsl:variable name="H" select="$axis + 28 + $dt-lanes * $lane-h + 4"/>
    <xsl:variable name="span" select="$end - $start"/>
    <xsl:variable name="monthly" select="$span le 4"/>
    <xsl:variable name="tick-step" select="if ($monthly) then 1 div 12 else (1, 2, 5, 10, 20, 50)[$span div . le 14][1]"/>

    <svg class="timeline" viewBox="0 0 {$W} {h:n($H)}" width="{$W}" height="{h:n($H)}" role="img" aria-labelledby="{$id}-title {$id}-desc">
      <title id="{$id}-title"><xsl:value-of select="$title"/></title>
      <desc id="{$id}-desc">
        <xsl:value-of select="h:count(count($events), 'event')"/>
        <xsl:text> and </xsl:text>
        <xsl:value-of select="h:count(count($dates), 'dated mention')"/>
        <xsl:text>. </xsl:text>
        <xsl:value-of select="$events ! (ed:label(.) || ', ' || ed:format-date(.))" separator="; "/>
        <xsl:text>.</xsl:text>
      </desc>
      <xsl:if test="exists($detail)">
        <rect class="detail-band" x="{h:n($x($detail[1]))}" y="0" width="{h:n(max(($x($detail[2]) - $x($detail[1]), 2)))}" height="{h:n($H)}"/>
      </xsl:if>
      <line class="axis" x1="{$pad}" y1="{h:n($axis)}" x2="{$W - $pad}" y2="{h:n($axis)}"/>
      <g class="ticks">
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
        <xsl:for-each select="$ev">
          <xsl:variable name="y" select="if (?float) then $axis else 12 + ($ev-lanes - ?lane) * $lane-h + 8"/>
          <g class="mark mark-event">
            <xsl:call-template name="h:draw-mark"><xsl:with-param name="m" select="."/><xsl:with-param name="y" select="$y"/></xsl:call-template>
            <xsl:if test="not(?float)">
              <line class="stem" x1="{h:n(?x0)}" y1="{h:n($y + 4)}" x2="{h:n(?x0)}" y2="{h:n($axis)}"/>
            </xsl:if>
          </g>
        </xsl:for-each>
      </g>
      <g class="dates">
        <xsl:for-each select="$dt">
          <xsl:variable name="y" select="if (?float) then $axis else $axis + 28 + (?lane - 1) * $lane-h + 4"/>
          <g class="mark mark-date">
            <xsl:call-template name="h:draw-mark"><xsl:with-param name="m" select="."/><xsl:with-param name="y" select="$y"/></xsl:call-template>
          </g>
        </xsl:for-each>
      </g>
    </svg>
  </xsl:template>

  <!-- A mark of the timeline: its extent (clipped to the panel), where its
       label goes (right of it, left of it, or inside a long bar) and the
       extent it occupies in its lane. A mark without a label inside the
       enlarged period "floats": it takes no lane of its own. -->
  <xsl:function name="h:mark" as="map(*)">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="x0" as="xs:double"/>
    <xsl:param name="x1" as="xs:double"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="size" as="xs:double"/>
    <xsl:param name="lo" as="xs:double"/>
    <xsl:param name="hi" as="xs:double"/>
    <xsl:param name="float" as="xs:boolean"/>
    <xsl:variable name="a" select="max(($lo, min(($x0, $hi - 1))))"/>
    <xsl:variable name="b" select="max(($a + 1, min(($x1, $hi))))"/>
    <xsl:variable name="w" select="if ($label = '') then 0 else h:text-width($label, $size) + 6"/>
    <xsl:variable name="side" select="
      if ($label = '' or $b + $w le $hi + 12) then 'right'
      else if ($a - $w ge $lo - 12) then 'left'
      else 'inside'"/>
    <xsl:sequence select="map{'x0': $a, 'x1': $b, 'label': $label, 'side': $side, 'float': $float,
      'o0': (if ($side = 'left') then $a - $w else $a) - 3,
      'o1': (if ($side = 'right') then $b + $w else $b) + 3}"/>
  </xsl:function>

  <xsl:template name="h:draw-mark">
    <xsl:param name="m" as="map(*)"/>
    <xsl:param name="y" as="xs:double"/>
    <xsl:choose>
      <xsl:when test="$m?side = 'inside' and $m?label ne ''">
        <!-- A long bar carries its label in a gap near its start. -->
        <xsl:variable name="gap-end" select="$m?x0 + 12 + h:text-width($m?label, 12) + 4"/>
        <rect x="{h:n($m?x0)}" y="{h:n($y - 3)}" width="6" height="6" rx="3"/>
        <rect x="{h:n($gap-end)}" y="{h:n($y - 3)}" width="{h:n(max((2, $m?x1 - $gap-end)))}" height="6" rx="3"/>
      </xsl:when>
      <xsl:when test="$m?x1 - $m?x0 ge 4">
        <rect x="{h:n($m?x0)}" y="{h:n($y - 3)}" width="{h:n($m?x1 - $m?x0)}" height="6" rx="3"/>
      </xsl:when>
      <xsl:otherwise>
        <circle cx="{h:n(($m?x0 + $m?x1) div 2)}" cy="{h:n($y)}" r="4"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$m?label ne ''">
      <text x="{h:n(if ($m?side = 'right') then $m?x1 + 6 else if ($m?side = 'left') then $m?x0 - 6 else $m?x0 + 8)}"
            y="{h:n($y + 4)}"
            text-anchor="{if ($m?side = 'left') then 'end' else 'start'}">
        <xsl:value-of select="$m?label"/>
      </text>
    </xsl:if>
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
