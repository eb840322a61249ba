<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-cards.xsl: what the edition knows about a name, a date, a citation or
  an editorial note, as one <template id="card-…"> each at the end of
  index.html. edition.js clones a template into the page's card when its
  trigger (data-card="card-…") is hovered, focused or tapped; no fetch, so it
  works offline and from file://.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:h="urn:x-anvar-posho-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:template name="h:cards">
    <xsl:variable name="text" select="$ed:tei/text"/>
    <!-- One card per entry named in the text, kind by kind (the kinds
         table's order), each in register order. -->
    <xsl:for-each select="$ed:named-entries[exists(ed:mentions(.))]">
      <template id="card-{@xml:id}">
        <xsl:apply-templates select="." mode="h:card"/>
      </template>
    </xsl:for-each>
    <xsl:for-each select="$ed:bibliography[exists(ed:citations(.))]">
      <template id="card-{@xml:id}">
        <xsl:apply-templates select="." mode="h:card"/>
      </template>
    </xsl:for-each>
    <xsl:for-each select="$ed:dated-mentions">
      <template id="card-{ed:date-id(.)}">
        <xsl:apply-templates select="." mode="h:card"/>
      </template>
    </xsl:for-each>
    <xsl:for-each select="$h:text-notes">
      <template id="card-{ed:note-id(.)}">
        <xsl:apply-templates select="." mode="h:card"/>
      </template>
    </xsl:for-each>
  </xsl:template>

  <!-- The card's heading: kind and name. -->
  <xsl:template name="h:card-head">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="title" as="item()*"/>
    <p class="card-kind"><xsl:value-of select="$kind"/></p>
    <p class="card-title"><xsl:sequence select="$title"/></p>
  </xsl:template>

  <xsl:template match="person | place | org | event" mode="h:card">
    <xsl:variable name="kind" select="ed:kind(.)"/>
    <xsl:call-template name="h:card-head">
      <xsl:with-param name="kind" select="string-join((ed:kind-label($kind, false()), @type[not(. = ('person'))] ! replace(., '-', ' ')), ' · ')"/>
      <xsl:with-param name="title" select="ed:label(.)"/>
    </xsl:call-template>
    <xsl:variable name="variants" select="ed:variant-names(.)"/>
    <xsl:if test="exists($variants)">
      <p class="card-variants">
        <xsl:text>Also: </xsl:text>
        <xsl:for-each select="$variants">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:call-template name="h:name-form"/>
        </xsl:for-each>
      </p>
    </xsl:if>
    <xsl:variable name="facts" as="element()*">
      <xsl:call-template name="h:facts"/>
    </xsl:variable>
    <xsl:if test="exists($facts)">
      <dl class="card-facts"><xsl:sequence select="$facts"/></dl>
    </xsl:if>
    <xsl:call-template name="h:identifier-links"><xsl:with-param name="class" select="'card-ids'"/></xsl:call-template>
    <p class="card-count"><xsl:value-of select="h:mention-count(.)"/></p>
    <p class="card-more"><a href="{h:entry-href(.)}">Open the register entry<span aria-hidden="true"> →</span></a></p>
  </xsl:template>

  <xsl:template match="biblStruct" mode="h:card">
    <xsl:variable name="printed" select="ed:printed-reference(.)"/>
    <xsl:call-template name="h:card-head">
      <xsl:with-param name="kind" select="'Reference' || $printed/@n ! (' [' || . || ']')"/>
      <xsl:with-param name="title" select="ed:short-citation(.)"/>
    </xsl:call-template>
    <p class="card-citation"><xsl:apply-templates select="." mode="ed:citation"/></p>
    <p class="card-count"><xsl:value-of select="h:count(count(ed:citations(.)), 'citation')"/> in the article</p>
    <p class="card-more"><a href="{h:entry-href(.)}">Open the entry in the bibliography<span aria-hidden="true"> →</span></a></p>
  </xsl:template>

  <xsl:template match="date" mode="h:card">
    <xsl:variable name="event" select="ed:event-of(.)"/>
    <xsl:call-template name="h:card-head">
      <xsl:with-param name="kind" select="'Date'"/>
      <xsl:with-param name="title" select="ed:format-date(.)"/>
    </xsl:call-template>
    <dl class="card-facts">
      <dt>ISO 8601</dt>
      <dd><code><xsl:value-of select="ed:iso-range(.)"/></code></dd>
      <xsl:if test="$event">
        <dt>Event</dt>
        <dd><xsl:value-of select="ed:label($event)"/> (<xsl:value-of select="ed:format-date($event)"/>)</dd>
      </xsl:if>
    </dl>
    <p class="card-more"><a href="chronology.html#{ed:date-id(.)}">Open in the chronology<span aria-hidden="true"> →</span></a></p>
  </xsl:template>

  <xsl:template match="note" mode="h:card">
    <xsl:call-template name="h:card-head">
      <xsl:with-param name="kind" select="'Editorial note ' || ed:note-number(.)"/>
      <xsl:with-param name="title" select="()"/>
    </xsl:call-template>
    <p class="card-note"><xsl:apply-templates mode="h:inline"/></p>
    <p class="card-more"><a href="#{ed:note-id(.)}">Go to the note<span aria-hidden="true"> →</span></a></p>
  </xsl:template>

  <!-- A name form, with its language. -->
  <xsl:template name="h:name-form">
    <xsl:choose>
      <xsl:when test="@xml:lang">
        <span lang="{@xml:lang}"><xsl:value-of select="normalize-space(.)"/></span>
        <xsl:text> (</xsl:text>
        <xsl:value-of select="h:language-name(@xml:lang)"/>
        <xsl:if test="@type = ('birth', 'pseudonym')"><xsl:value-of select="', ' || @type || ' name'"/></xsl:if>
        <xsl:text>)</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space(.)"/>
        <xsl:if test="@type = ('birth', 'pseudonym', 'short')"><xsl:value-of select="' (' || @type || (if (@type = 'short') then ' form' else ' name') || ')'"/></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Facts of an entry as dt/dd pairs: life dates, occupation, coordinates,
       event date and place. The context item is the entry. -->
  <xsl:template name="h:facts">
    <xsl:param name="links" as="xs:boolean" select="false()"/>
    <xsl:for-each-group select="birth | death" group-by="local-name()">
      <dt><xsl:value-of select="if (self::birth) then 'Born' else 'Died'"/></dt>
      <dd>
        <xsl:for-each select="current-group()">
          <xsl:if test="position() gt 1"><xsl:text>; or </xsl:text></xsl:if>
          <xsl:value-of select="ed:format-date(.)"/>
          <xsl:if test="normalize-space(.) ne ''">
            <xsl:text>, </xsl:text>
            <xsl:choose>
              <xsl:when test="$links"><xsl:apply-templates mode="h:inline"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:if>
        </xsl:for-each>
      </dd>
    </xsl:for-each-group>
    <xsl:for-each select="occupation | education">
      <dt><xsl:value-of select="map{'occupation': 'Occupation', 'education': 'Education'}(local-name())"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$links"><xsl:apply-templates mode="h:inline"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
        </xsl:choose>
      </dd>
    </xsl:for-each>
    <xsl:call-template name="h:link-facts"><xsl:with-param name="links" select="$links"/></xsl:call-template>
    <xsl:if test="self::place and exists(ed:lat-long(.))">
      <dt>Coordinates</dt>
      <dd>
        <xsl:value-of select="h:coordinates(ed:lat-long(.))"/>
        <xsl:if test="location/geo/@cert = ('low', 'medium')"> (approximate)</xsl:if>
      </dd>
    </xsl:if>
    <xsl:if test="self::event">
      <xsl:if test="ed:is-dated(.)">
        <dt>Date</dt>
        <dd><xsl:value-of select="ed:format-date(.)"/></dd>
      </xsl:if>
      <xsl:variable name="where" select="ed:target(@where)"/>
      <xsl:if test="$where">
        <dt>Place</dt>
        <dd>
          <xsl:choose>
            <xsl:when test="$links"><a href="{h:entry-href($where)}"><xsl:value-of select="ed:label($where)"/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="ed:label($where)"/></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- Affiliations and relations of an entry as dt/dd pairs (model-relations.xsl):
       "Affiliations" (persons), then one group per kind of relation, read from
       the entry's side, each link with its other party, its date, its source
       and, when contested, its certainty. The context item is the entry. -->
  <xsl:template name="h:link-facts">
    <xsl:param name="links" as="xs:boolean" select="false()"/>
    <xsl:variable name="entry" select="."/>
    <xsl:if test="affiliation">
      <dt><xsl:value-of select="if (count(affiliation) gt 1) then 'Affiliations' else 'Affiliation'"/></dt>
      <xsl:for-each select="affiliation">
        <dd class="link-fact">
          <xsl:value-of select="normalize-space(.)"/>
          <xsl:variable name="org" select="ed:affiliation-org(.)"/>
          <xsl:if test="$links and $org and ed:kind-row(ed:kind($org))/@page ne ''">
            <xsl:text> (</xsl:text>
            <a href="{h:entry-href($org)}"><xsl:value-of select="ed:label($org)"/></a>
            <xsl:text>)</xsl:text>
          </xsl:if>
          <xsl:call-template name="h:link-qualifiers"/>
        </dd>
      </xsl:for-each>
    </xsl:if>
    <xsl:for-each-group select="ed:relations-of($entry)" group-by="ed:relation-phrase(., $entry)">
      <dt><xsl:value-of select="upper-case(substring(current-grouping-key(), 1, 1)) || substring(current-grouping-key(), 2)"/></dt>
      <xsl:for-each select="current-group()">
        <dd class="link-fact">
          <xsl:for-each select="ed:relation-others(., $entry)">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:choose>
              <xsl:when test="$links and ed:kind-row(ed:kind(.))/@page ne ''"><a href="{h:entry-href(.)}"><xsl:value-of select="ed:label(.)"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="ed:label(.)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
          <xsl:call-template name="h:link-qualifiers"/>
        </dd>
      </xsl:for-each>
    </xsl:for-each-group>
  </xsl:template>

  <!-- ", June 1922 (¶8; contested)": the date, source and certainty of a
       relation or affiliation (the context item). -->
  <xsl:template name="h:link-qualifiers">
    <xsl:if test="@when | @from | @to | @notBefore | @notAfter">
      <xsl:value-of select="', ' || replace(ed:format-date(.), ' \((medium|low|unknown) certainty\)$', '')"/>
    </xsl:if>
    <xsl:variable name="notes" select="
      ed:source-label(ed:source-of(.)),
      ('contested')[current()/@cert = 'low'],
      ('uncertain')[current()/@cert = ('medium', 'unknown')]"/>
    <xsl:if test="exists($notes)">
      <span class="link-source"><xsl:value-of select="' (' || string-join($notes, '; ') || ')'"/></span>
    </xsl:if>
  </xsl:template>

  <!-- Authority identifiers as links (Wikidata, GeoNames ...). -->
  <xsl:template name="h:identifier-links">
    <xsl:param name="class" as="xs:string"/>
    <xsl:variable name="ids" select="idno[exists(ed:idno-url(.) ! ed:safe-url(.))]"/>
    <xsl:if test="exists($ids)">
      <p class="{$class}">
        <xsl:for-each select="$ids">
          <xsl:if test="position() gt 1"><xsl:text> · </xsl:text></xsl:if>
          <a class="external" href="{ed:safe-url(ed:idno-url(.))}"><xsl:value-of select="ed:idno-label(.) || ' ' || normalize-space(.)"/></a>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:function name="h:count" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="word" as="xs:string"/>
    <xsl:sequence select="$n || ' ' || $word || (if ($n = 1) then '' else 's')"/>
  </xsl:function>

  <!-- "Named 34 times in the article" (events also count their dates). -->
  <!-- How often an entry is named, saying where (ed:mention-summary). -->
  <xsl:function name="h:mention-count" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="ed:mention-summary($entry)"/>
  </xsl:function>


</xsl:stylesheet>
