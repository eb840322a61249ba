<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-network.xsl: network.html, the persons, organisations, places and
  events of the story joined (1) by the typed relations of the encoding
  (standOff/listRelation/relation: @active/@passive or @mutual, @name) and
  (2), more faintly, by being named in the same paragraph or table.

  Drawn as an inline SVG circle (entries grouped by kind), offline and
  without script; every node is a link to its register entry and a tab
  stop. Tables beside it give the same relations as text, for screen
  readers and for checking. Where the source has no listRelation, only the
  co-mentions are drawn and the page says so.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:math="http://www.w3.org/2005/xpath-functions/math"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:h="urn:x-anvar-posho-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- The passages a co-mention counts in: body paragraphs and tables. -->
  <xsl:function name="h:network-units" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="ed:units(ed:mentions($entry)[ancestor::body])[self::p or self::table]"/>
  </xsl:function>

  <!-- The entries of the network: those named in the body, by kind. -->
  <xsl:variable name="h:network-kinds" as="xs:string+" select="('person', 'org', 'place', 'event')"/>
  <xsl:variable name="h:network-nodes" as="element()*" select="
    for $kind in $h:network-kinds return
      (($ed:persons, $ed:orgs, $ed:places, $ed:events)[ed:kind(.) = $kind][exists(h:network-units(.))]
        => sort((), ed:sort-key#1))"/>

  <!-- Typed relations between two entries of the network: map{from, to, name, mutual, source}. -->
  <xsl:variable name="h:network-relations" as="map(*)*" select="
    for $relation in $ed:tei/standOff/listRelation/relation return
    let $ends := ed:relation-parties($relation)
    return if (count($ends) lt 2) then () else
      map{'from': $ends[1], 'to': $ends[2], 'name': string($relation/@name),
          'mutual': exists($relation/@mutual), 'cert': string($relation/@cert), 'type': string($relation/../@type),
          'source': tokenize($relation/@source) ! ed:id(.)}"/>

  <!-- "revoltedAgainst" reads "revolted against". -->
  <xsl:function name="h:relation-words" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="lower-case(replace($name, '([a-z])([A-Z])', '$1 $2'))"/>
  </xsl:function>

  <xsl:template name="h:network">
    <xsl:variable name="nodes" select="$h:network-nodes"/>
    <xsl:variable name="node-ids" select="$nodes ! string(@xml:id)"/>
    <xsl:variable name="units" as="map(xs:string, element()*)" select="map:merge($nodes ! map{string(@xml:id): h:network-units(.)})"/>
    <!-- Co-mention pairs (each once), with the passages they share. -->
    <xsl:variable name="pairs" as="map(*)*" select="
      for $i in 1 to count($nodes), $j in $i + 1 to count($nodes) return
      let $a := $node-ids[$i], $b := $node-ids[$j], $shared := $units($a) intersect $units($b)
      return if (empty($shared)) then () else map{'a': $a, 'b': $b, 'units': $shared}"/>
    <xsl:variable name="relations" select="$h:network-relations[?from = $node-ids and ?to = $node-ids]"/>

    <xsl:variable name="size" select="820"/>
    <xsl:variable name="centre" select="$size div 2"/>
    <xsl:variable name="radius" select="235"/>
    <!-- Positions on the circle, a gap of two places between kinds. -->
    <xsl:variable name="slots" select="count($nodes) + 2 * count($h:network-kinds)"/>
    <xsl:variable name="position" as="map(xs:string, map(*))" select="map:merge(
      for $i in 1 to count($nodes) return
      let $node := $nodes[$i],
          $slot := $i - 1 + 2 * (index-of($h:network-kinds, ed:kind($node)) - 1),
          $angle := 2 * math:pi() * $slot div $slots - math:pi() div 2
      return map{string($node/@xml:id): map{'x': $centre + $radius * math:cos($angle), 'y': $centre + $radius * math:sin($angle),
                                            'angle': $angle * 180 div math:pi()}})"/>

    <header class="page-head">
      <h1>Network</h1>
      <p class="lede">
        <xsl:value-of select="count($nodes)"/>
        <xsl:text> persons, organisations, places and events of the article, joined by </xsl:text>
        <xsl:choose>
          <xsl:when test="exists($relations)">
            <xsl:value-of select="h:count(count($relations), 'typed relation')"/>
            <xsl:text> of the encoding (dark lines) and, faintly, by </xsl:text>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text> (the source encodes no typed relations yet, so only) </xsl:text>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="h:count(count($pairs), 'co-mention')"/>
        <xsl:text>: two entries named in the same paragraph or table. Each name links to its register entry; the tables below give the same relations as text.</xsl:text>
      </p>
    </header>

    <figure class="network-figure" id="network">
      <p class="scroll-hint" aria-hidden="true">The network is wider than the screen: scroll it sideways.</p>
      <div class="svg-scroll" role="region" aria-label="Network (scrolls sideways on small screens)" tabindex="0">
        <svg class="network" viewBox="0 0 {$size} {$size}" width="{$size}" height="{$size}" aria-labelledby="network-title network-desc">
          <title id="network-title">Network of the entries named in the article</title>
          <desc id="network-desc">A circle of <xsl:value-of select="count($nodes)"/> entries grouped by kind (persons, organisations, places, events). The tables after the figure list every line of it.</desc>
          <g class="co-mentions" aria-hidden="true">
            <xsl:for-each select="$pairs">
              <xsl:variable name="a" select="$position(?a)"/>
              <xsl:variable name="b" select="$position(?b)"/>
              <path class="edge co-mention weight-{min((count(?units), 4))}" data-ends="{?a} {?b}"
                    d="M {h:n($a?x)} {h:n($a?y)} Q {$centre} {$centre} {h:n($b?x)} {h:n($b?y)}"/>
            </xsl:for-each>
          </g>
          <g class="relations" aria-hidden="true">
            <xsl:for-each select="$relations">
              <xsl:variable name="a" select="$position(?from)"/>
              <xsl:variable name="b" select="$position(?to)"/>
              <path class="edge relation relation-{(?type[. ne ''], 'other')[1]}{if (?cert = ('low', 'medium')) then ' uncertain' else ''}" data-ends="{?from} {?to}"
                    d="M {h:n($a?x)} {h:n($a?y)} Q {h:n(($a?x + $b?x + $centre) div 3)} {h:n(($a?y + $b?y + $centre) div 3)} {h:n($b?x)} {h:n($b?y)}">
                <!-- Its label, shown on hover (the table gives them all as text). -->
                <title><xsl:value-of select="ed:label(key('ed:by-id', ?from, $ed:tei)) || ' ' || h:relation-words(?name)
                  || ' ' || ed:label(key('ed:by-id', ?to, $ed:tei)) || (if (?cert = ('low', 'medium')) then ' (uncertain)' else '')"/></title>
              </path>
            </xsl:for-each>
          </g>
          <g class="nodes">
            <xsl:for-each select="$nodes">
              <xsl:variable name="id" select="string(@xml:id)"/>
              <xsl:variable name="at" select="$position($id)"/>
              <xsl:variable name="right" select="$at?angle lt 90 and $at?angle gt -90"/>
              <a class="node node-{ed:kind(.)}" href="{h:register-page(.)}#{$id}" data-node="{$id}">
                <circle cx="{h:n($at?x)}" cy="{h:n($at?y)}" r="6"/>
                <text x="{h:n($at?x + 10 * math:cos($at?angle * math:pi() div 180))}" y="{h:n($at?y + 10 * math:sin($at?angle * math:pi() div 180) + 4)}"
                      text-anchor="{if ($right) then 'start' else 'end'}"
                      transform="rotate({h:n(if ($right) then $at?angle else $at?angle + 180)} {h:n($at?x + 10 * math:cos($at?angle * math:pi() div 180))} {h:n($at?y + 10 * math:sin($at?angle * math:pi() div 180))})">
                  <xsl:value-of select="ed:label(.)"/>
                </text>
              </a>
            </xsl:for-each>
          </g>
        </svg>
      </div>
      <figcaption>
        <xsl:text>Persons, organisations, places and events round the circle, each group in alphabetical order. </xsl:text>
        <xsl:if test="exists($relations)">Dark lines are the encoded relations: thick between persons and organisations, thin from a participant to an event, dotted from a place to the place it lies in; dashed where uncertain; pointing at one names it. </xsl:if>
        <xsl:text>Faint lines join two entries named in the same paragraph or table, darker the more passages they share. Focus or point at a name to pick out its lines.</xsl:text>
      </figcaption>
    </figure>

    <section class="network-tables" aria-labelledby="relations-heading">
      <h2 id="relations-heading">Relations</h2>
      <xsl:choose>
        <xsl:when test="exists($relations)">
          <div class="table-scroll" role="region" aria-labelledby="relations-caption" tabindex="0">
            <table class="network-table relations-table">
              <caption id="relations-caption">The typed relations of the encoding</caption>
              <thead><tr><th scope="col">Who or what</th><th scope="col">Relation</th><th scope="col">With</th><th scope="col">Source</th></tr></thead>
              <tbody>
                <xsl:for-each select="$relations">
                  <tr>
                    <td><xsl:sequence select="h:network-link(?from)"/></td>
                    <td><xsl:value-of select="h:relation-words(?name) || (if (?mutual) then ' (each other)' else '') || (if (?cert = ('low', 'medium')) then ', uncertain' else '')"/></td>
                    <td><xsl:sequence select="h:network-link(?to)"/></td>
                    <td>
                      <xsl:for-each select="for $source in ?source return key('ed:by-id', $source, $ed:tei)">
                        <xsl:if test="position() gt 1">, </xsl:if>
                        <xsl:choose>
                          <!-- A passage of the article is a link to it; the editors' own sources are named. -->
                          <xsl:when test="ancestor-or-self::*/parent::text and exists(ed:unit(.))">
                            <a href="index.html#{ed:unit-id(ed:unit(.))}"><xsl:value-of select="ed:unit-label(ed:unit(.))"/></a>
                          </xsl:when>
                          <xsl:otherwise>
                            <xsl:value-of select="'the editors’ ' || translate(@xml:id, '-', ' ')"/>
                          </xsl:otherwise>
                        </xsl:choose>
                      </xsl:for-each>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <!-- Hook: relations appear here as soon as the source has standOff/listRelation. -->
          <p>The source encodes no typed relations (<code>listRelation</code>) yet.</p>
        </xsl:otherwise>
      </xsl:choose>

      <h2 id="co-mentions-heading">Named together</h2>
      <div class="table-scroll" role="region" aria-labelledby="co-mentions-caption" tabindex="0">
        <table class="network-table">
          <caption id="co-mentions-caption">Each entry and those named in the same paragraph or table, with the passages</caption>
          <thead><tr><th scope="col">Entry</th><th scope="col">Kind</th><th scope="col">Named with</th></tr></thead>
          <tbody>
            <xsl:for-each select="$nodes">
              <xsl:variable name="id" select="string(@xml:id)"/>
              <tr>
                <th scope="row"><xsl:sequence select="h:network-link($id)"/></th>
                <td><xsl:value-of select="ed:kind-label(ed:kind(.), false())"/></td>
                <td>
                  <xsl:for-each select="$pairs[?a = $id or ?b = $id]">
                    <xsl:sort select="count(?units)" order="descending"/>
                    <xsl:variable name="other" select="if (?a = $id) then ?b else ?a"/>
                    <xsl:if test="position() gt 1">; </xsl:if>
                    <xsl:value-of select="ed:label(key('ed:by-id', $other, $ed:tei))"/>
                    <xsl:text> (</xsl:text>
                    <xsl:for-each select="?units">
                      <xsl:if test="position() gt 1">, </xsl:if>
                      <a href="index.html#{ed:unit-id(.)}"><xsl:value-of select="ed:unit-label(.)"/></a>
                    </xsl:for-each>
                    <xsl:text>)</xsl:text>
                  </xsl:for-each>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <xsl:function name="h:register-page" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$h:register-pages(ed:kind($entry))"/>
  </xsl:function>

  <xsl:function name="h:network-link" as="element()">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="entry" select="key('ed:by-id', $id, $ed:tei)"/>
    <a href="{h:register-page($entry)}#{$id}"><xsl:value-of select="ed:label($entry)"/></a>
  </xsl:function>

</xsl:stylesheet>
