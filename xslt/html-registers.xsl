<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-registers.xsl: persons.html, places.html, organisations.html,
  chronology.html, bibliography.html and about.html.

  Every entry lists each of its mentions with its keyword in context
  (ed:kwic) and a link, labelled with its citable unit (¶3, Table 1,
  Abstract, Title, Keywords, Ref. 6), to the mention's own anchor in
  index.html; mentions in the article's text, in titles of cited works and
  in editorial notes apart, with counts that say which (ed:mention-summary).
  The registers of persons, places and organisations can be re-ordered by
  number of mentions (assets/registers.js; registers.css styles the pages).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:h="urn:x-anvar-posho-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- ===== Registers of persons, places, organisations ===== -->

  <xsl:template name="h:register">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="entries" select="ed:entries($kind)"/>
    <xsl:variable name="sorted" select="ed:register-order($kind)"/>
    <xsl:variable name="plural" select="lower-case(ed:kind-label($kind, true()))"/>
    <header class="page-head">
      <h1><xsl:value-of select="ed:kind-label($kind, true())"/></h1>
      <!-- Entries the article does not name (places of birth and death,
           publishers of the editors' sources, a party from reference works)
           are counted apart: "named in the article" is true of the others only. -->
      <xsl:variable name="named" select="$entries[exists(ed:mentions(.))]"/>
      <p class="lede">
        <xsl:value-of select="count($named)"/>
        <xsl:text> </xsl:text>
        <xsl:value-of select="if (count($named) = 1) then lower-case(ed:kind-label($kind, false())) else $plural"/>
        <xsl:text> named in the article</xsl:text>
        <xsl:if test="count($entries) gt count($named)">
          <xsl:value-of select="' and ' || count($entries) - count($named)
            || ' more that only the edition’s facts name (each entry’s note says where from)'"/>
        </xsl:if>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="if (ed:kind-row($kind)/@sort = 'surname') then 'in alphabetical order of surname' else 'in alphabetical order'"/>
        <xsl:text>. Each entry gives what the edition knows and every mention, each with its words in context and a link to it in the text: a paragraph (¶), table, the abstract, the title or a reference of the list.</xsl:text>
      </p>
      <xsl:call-template name="h:register-sort"/>
    </header>
    <xsl:if test="$kind = 'place'">
      <xsl:call-template name="h:map"/>
    </xsl:if>
    <nav class="entry-index" aria-label="{ed:kind-label($kind, true())} A–Z">
      <ul>
        <xsl:for-each select="$sorted">
          <li data-order-mentions="{h:mentions-rank(.)}"><a href="#{@xml:id}"><xsl:value-of select="ed:label(.)"/></a></li>
        </xsl:for-each>
      </ul>
    </nav>
    <div class="entries">
      <xsl:for-each select="$sorted">
        <xsl:call-template name="h:entry"/>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- The control that re-orders a register by the number of mentions
       (assets/registers.js). Without JavaScript it stays hidden and the
       register keeps its order by name. -->
  <xsl:template name="h:register-sort">
    <div class="register-sort" data-register-sort="" hidden="">
      <label for="register-order">Order</label>
      <xsl:text> </xsl:text>
      <select id="register-order">
        <option value="name" selected="">by name</option>
        <option value="mentions">by number of mentions in the article</option>
      </select>
      <p class="vh" role="status" aria-live="polite"></p>
    </div>
  </xsl:template>

  <!-- An entry's place in its register when ordered by mentions: most named
       in the article first, then most named in titles of cited works, then
       by name. -->
  <xsl:function name="h:mentions-rank" as="xs:integer">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="kind" select="ed:kind($entry)"/>
    <xsl:sequence select="index-of(h:by-mentions($kind) ! generate-id(.), generate-id($entry))"/>
  </xsl:function>

  <xsl:function name="h:by-mentions" as="element()*" cache="yes">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="by-name" select="ed:register-order($kind)"/>
    <xsl:sequence select="sort($by-name, (), function($entry) {
      ed:mention-counts($entry) ! (- ?text, - ?all), index-of($by-name ! generate-id(.), generate-id($entry))})"/>
  </xsl:function>

  <!-- Styles and script of the register pages, beside the edition's own. -->
  <xsl:template match="ed:output" mode="h:page-assets"/>
  <xsl:template match="ed:output[@kind ne '']" mode="h:page-assets">
    <link rel="stylesheet" href="assets/registers.css"/>
    <script src="assets/registers.js" defer=""></script>
  </xsl:template>

  <xsl:template name="h:entry">
    <xsl:variable name="kind" select="ed:kind(.)"/>
    <xsl:variable name="id" select="string(@xml:id)"/>
    <article class="entry entry-{ed:kind-row($kind)/@class}" id="{$id}" aria-labelledby="{$id}-heading"
      data-order-mentions="{h:mentions-rank(.)}">
      <h2 id="{$id}-heading">
        <xsl:apply-templates select="ed:names(.)[@type = 'main'][1]/@xml:lang" mode="h:lang"/>
        <xsl:value-of select="ed:label(.)"/>
        <xsl:variable name="life" select="ed:life-span(.)"/>
        <xsl:if test="$life ne ''">
          <span class="entry-years"><xsl:text> (</xsl:text><xsl:value-of select="$life"/><xsl:text>)</xsl:text></span>
        </xsl:if>
      </h2>
      <xsl:if test="@type and not(self::person)">
        <p class="entry-type"><xsl:value-of select="ed:kind-label($kind, false()) || ' · ' || replace(@type, '-', ' ')"/></p>
      </xsl:if>
      <dl class="facts">
        <xsl:variable name="variants" select="ed:variant-names(.)"/>
        <xsl:if test="exists($variants)">
          <dt>Other names</dt>
          <dd>
            <xsl:for-each select="$variants">
              <xsl:if test="position() gt 1">; </xsl:if>
              <xsl:call-template name="h:name-form"/>
            </xsl:for-each>
          </dd>
        </xsl:if>
        <xsl:call-template name="h:facts"><xsl:with-param name="links" select="true()"/></xsl:call-template>
        <xsl:if test="self::place">
          <xsl:variable name="here" select="ed:events-at(.)"/>
          <xsl:if test="exists($here)">
            <dt>Events here</dt>
            <dd>
              <xsl:for-each select="$here">
                <xsl:if test="position() gt 1">; </xsl:if>
                <a href="{h:entry-href(.)}"><xsl:value-of select="ed:label(.)"/></a>
                <xsl:value-of select="' (' || ed:format-date(.) || ')'"/>
              </xsl:for-each>
            </dd>
          </xsl:if>
          <xsl:variable name="lives" select="ed:lives-at(.)"/>
          <xsl:if test="exists($lives)">
            <dt>Persons born or died here</dt>
            <dd>
              <xsl:for-each select="$lives">
                <xsl:if test="position() gt 1">; </xsl:if>
                <a href="{h:entry-href(.)}"><xsl:value-of select="ed:label(.)"/></a>
              </xsl:for-each>
            </dd>
          </xsl:if>
        </xsl:if>
        <xsl:if test="exists(idno[exists(ed:idno-url(.) ! ed:safe-url(.))])">
          <dt>Identifiers</dt>
          <dd>
            <xsl:for-each select="idno[exists(ed:idno-url(.) ! ed:safe-url(.))]">
              <xsl:if test="position() gt 1"><xsl:text> · </xsl:text></xsl:if>
              <a class="external" href="{ed:safe-url(ed:idno-url(.))}"><xsl:value-of select="ed:idno-label(.) || ' ' || normalize-space(.)"/></a>
            </xsl:for-each>
          </dd>
        </xsl:if>
        <xsl:if test="self::place and exists(ed:lat-long(.))">
          <xsl:variable name="lat-long" select="ed:lat-long(.)"/>
          <dt>Maps</dt>
          <dd><a class="external" href="https://www.openstreetmap.org/?mlat={$lat-long[1]}&amp;mlon={$lat-long[2]}#map=9/{$lat-long[1]}/{$lat-long[2]}">OpenStreetMap</a></dd>
        </xsl:if>
      </dl>
      <xsl:call-template name="h:entry-notes"/>
      <xsl:call-template name="h:entry-occurrences"/>
    </article>
  </xsl:template>

  <xsl:template name="h:entry-notes">
    <xsl:for-each select="note">
      <div class="entry-note{if (@type = 'summary') then ' entry-summary' else ''}">
        <p>
          <xsl:if test="@type = 'editorial'"><span class="note-label">Editorial note. </span></xsl:if>
          <xsl:apply-templates mode="h:inline"/>
        </p>
      </div>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="h:entry-occurrences">
    <xsl:variable name="mentions" select="ed:mentions(.)"/>
    <xsl:variable name="dates" select="if (self::event) then ed:dates-of-event(.) else ()"/>
    <div class="entry-occurrences">
      <p class="occ-head"><xsl:value-of select="ed:mention-summary(.)"/><xsl:if test="exists(($mentions, $dates))">:</xsl:if></p>
      <xsl:for-each-group select="$mentions" group-by="ed:mention-place(.)">
        <xsl:call-template name="h:mentions-in-context">
          <xsl:with-param name="nodes" select="current-group()"/>
          <xsl:with-param name="heading" select="map{'text': 'In the article', 'titles': 'In titles of cited works',
            'notes': 'In editorial notes'}(current-grouping-key())"/>
        </xsl:call-template>
      </xsl:for-each-group>
      <xsl:if test="exists($dates)">
        <xsl:call-template name="h:mentions-in-context">
          <xsl:with-param name="nodes" select="$dates"/>
          <xsl:with-param name="heading" select="'Dated in the article'"/>
        </xsl:call-template>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Each mention on a line of its own: its unit (a link to the mention in
       index.html) and its keyword in context (ed:kwic). Long lists show
       their first lines and fold the rest into a details element, which
       works without JavaScript. -->
  <xsl:template name="h:mentions-in-context">
    <xsl:param name="nodes" as="element()*"/>
    <xsl:param name="heading" as="xs:string"/>
    <xsl:param name="shown" as="xs:integer" select="5"/>
    <xsl:variable name="first" select="if (count($nodes) le $shown + 1) then count($nodes) else $shown"/>
    <p class="occ-sub"><xsl:value-of select="$heading"/></p>
    <ol class="kwic-list">
      <xsl:apply-templates select="$nodes[position() le $first]" mode="h:kwic-line"/>
    </ol>
    <xsl:if test="count($nodes) gt $first">
      <details class="kwic-more">
        <summary><xsl:value-of select="count($nodes) - $first"/> more</summary>
        <ol class="kwic-list" start="{$first + 1}">
          <xsl:apply-templates select="$nodes[position() gt $first]" mode="h:kwic-line"/>
        </ol>
      </details>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="h:kwic-line">
    <xsl:variable name="kwic" select="ed:kwic(.)"/>
    <li>
      <a class="kwic-unit" href="index.html#{ed:anchor(.)}"><xsl:value-of select="ed:unit-label(ed:unit(.))"/></a>
      <xsl:text> </xsl:text>
      <span class="kwic-line">
        <xsl:value-of select="$kwic[1]"/>
        <mark><xsl:value-of select="$kwic[2]"/></mark>
        <xsl:value-of select="$kwic[3]"/>
      </span>
    </li>
  </xsl:template>


  <!-- ===== Chronology ===== -->

  <xsl:template name="h:chronology">
    <xsl:variable name="items" select="ed:register-order('event')"/>
    <header class="page-head">
      <h1>Chronology</h1>
      <p class="lede">
        <xsl:value-of select="h:count(count($ed:events), 'event')"/>
        <xsl:text> of the register and </xsl:text>
        <xsl:value-of select="h:count(count($ed:dated-mentions), 'dated mention')"/>
        <xsl:text> of the article (title, abstract, body and tables) in date order. Vague dates are placed at their earliest possible day; periods at their start.</xsl:text>
      </p>
    </header>
    <xsl:call-template name="h:timeline"><xsl:with-param name="items" select="$items"/></xsl:call-template>
    <nav class="entry-index year-index" aria-label="Years">
      <ul>
        <xsl:for-each-group select="$items" group-adjacent="ed:chronology-year(.)">
          <li><a href="#{h:year-id(current-grouping-key())}"><xsl:value-of select="h:year-label(current-grouping-key())"/></a></li>
        </xsl:for-each-group>
      </ul>
    </nav>
    <div class="chronology">
      <xsl:for-each-group select="$items" group-adjacent="ed:chronology-year(.)">
        <section class="chrono-year" aria-labelledby="{h:year-id(current-grouping-key())}">
          <h2 id="{h:year-id(current-grouping-key())}"><xsl:value-of select="h:year-label(current-grouping-key())"/></h2>
          <ol class="chrono-list">
            <xsl:apply-templates select="current-group()" mode="h:chrono"/>
          </ol>
        </section>
      </xsl:for-each-group>
    </div>
  </xsl:template>

  <xsl:function name="h:year-id" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:sequence select="if ($year eq 'undated') then 'undated' else 'y' || $year"/>
  </xsl:function>

  <xsl:function name="h:year-label" as="xs:string">
    <xsl:param name="year" as="xs:string"/>
    <xsl:sequence select="if ($year eq 'undated') then 'Undated' else $year"/>
  </xsl:function>

  <xsl:template match="event" mode="h:chrono">
    <li class="chrono-item chrono-event" id="{@xml:id}">
      <p class="chrono-date"><xsl:value-of select="ed:format-date(.)"/></p>
      <div class="chrono-body">
        <h3 class="chrono-title"><span class="chrono-kind">Event</span><xsl:text> </xsl:text><xsl:value-of select="ed:label(.)"/></h3>
        <xsl:call-template name="h:entry-notes"/>
        <dl class="facts">
          <xsl:variable name="variants" select="ed:variant-names(.)"/>
          <xsl:if test="exists($variants)">
            <dt>Also called</dt>
            <dd><xsl:value-of select="$variants ! normalize-space(.)" separator="; "/></dd>
          </xsl:if>
          <xsl:if test="ed:is-dated(.)">
            <dt>ISO 8601</dt>
            <dd><code><xsl:value-of select="ed:iso-range(.)"/></code></dd>
          </xsl:if>
          <xsl:variable name="where" select="ed:target(@where)"/>
          <xsl:if test="$where">
            <dt>Place</dt>
            <dd><a href="{h:entry-href($where)}"><xsl:value-of select="ed:label($where)"/></a></dd>
          </xsl:if>
        </dl>
        <xsl:call-template name="h:entry-occurrences"/>
      </div>
    </li>
  </xsl:template>

  <xsl:template match="date" mode="h:chrono">
    <xsl:variable name="id" select="ed:date-id(.)"/>
    <xsl:variable name="event" select="ed:event-of(.)"/>
    <xsl:variable name="kwic" select="ed:kwic(.)"/>
    <li class="chrono-item chrono-mention" id="{$id}">
      <p class="chrono-date"><xsl:value-of select="ed:format-date(.)"/></p>
      <div class="chrono-body">
        <p class="kwic">
          <xsl:value-of select="$kwic[1]"/>
          <mark><xsl:value-of select="$kwic[2]"/></mark>
          <xsl:value-of select="$kwic[3]"/>
        </p>
        <p class="chrono-meta">
          <a href="index.html#{$id}"><span class="vh">In the article: </span><xsl:value-of select="ed:unit-label(ed:unit(.))"/></a>
          <xsl:text> · </xsl:text>
          <code><xsl:value-of select="ed:iso-range(.)"/></code>
          <xsl:if test="$event">
            <xsl:text> · Event: </xsl:text>
            <a href="#{$event/@xml:id}"><xsl:value-of select="ed:label($event)"/></a>
          </xsl:if>
        </p>
      </div>
    </li>
  </xsl:template>


  <!-- ===== Bibliography ===== -->

  <xsl:template name="h:bibliography">
    <header class="page-head">
      <h1>Bibliography</h1>
      <p class="lede">
        <xsl:text>The </xsl:text>
        <xsl:value-of select="h:count(count($ed:bibliography), 'work')"/>
        <xsl:text> cited in the article, in the edition's citation style and in alphabetical order, each with the reference as printed and links to where the article cites it.</xsl:text>
      </p>
    </header>
    <div class="entries">
      <xsl:for-each select="ed:register-order('bibl')">
        <xsl:variable name="printed" select="ed:printed-reference(.)"/>
        <xsl:variable name="id" select="string(@xml:id)"/>
        <article class="entry entry-bibl" id="{$id}" aria-labelledby="{$id}-heading">
          <h2 id="{$id}-heading"><xsl:value-of select="ed:short-citation(.)"/></h2>
          <p class="citation"><xsl:apply-templates select="." mode="ed:citation"/></p>
          <dl class="facts">
            <dt>Type</dt>
            <dd><xsl:value-of select="lower-case(replace(@type, '([a-z])([A-Z])', '$1 $2'))"/></dd>
            <xsl:if test="$printed">
              <dt>As printed</dt>
              <dd>
                <blockquote class="printed">
                  <p>
                    <a class="printed-n" href="index.html#{($printed/@xml:id, 'ref' || $printed/@n)[1]}">[<xsl:value-of select="$printed/@n"/>]<span class="vh"> in the article's reference list</span></a>
                    <xsl:text> </xsl:text>
                    <xsl:apply-templates select="$printed/node()" mode="h:inline"/>
                  </p>
                </blockquote>
              </dd>
            </xsl:if>
          </dl>
          <xsl:call-template name="h:entry-notes"/>
          <xsl:for-each select="$printed//note[@type = 'editorial']">
            <div class="entry-note">
              <p>
                <span class="note-label">Editorial note <a href="index.html#{ed:note-id(.)}"><xsl:value-of select="ed:note-number(.)"/></a> on the printed reference. </span>
                <xsl:apply-templates mode="h:inline"/>
              </p>
            </div>
          </xsl:for-each>
          <xsl:call-template name="h:entry-occurrences"/>
        </article>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- ===== About ===== -->

  <xsl:template name="h:about">
    <xsl:variable name="header" select="$ed:tei/teiHeader"/>
    <xsl:variable name="encoding" select="$header/encodingDesc"/>
    <header class="page-head">
      <h1>About this edition</h1>
      <p class="lede">
        <xsl:text>A digital edition of </xsl:text>
        <cite><xsl:value-of select="$ed:full-title"/></cite>
        <xsl:text> by </xsl:text>
        <xsl:value-of select="$ed:author-name"/>
        <xsl:text>: edition </xsl:text>
        <xsl:value-of select="$ed:edition-version"/>
        <xsl:text>, published </xsl:text>
        <time datetime="{$ed:edition-date}"><xsl:value-of select="ed:format-iso($ed:edition-date)"/></time>
        <xsl:text> by </xsl:text>
        <xsl:value-of select="$ed:publisher"/>
        <xsl:text>.</xsl:text>
      </p>
    </header>
    <nav class="entry-index" aria-label="On this page">
      <ul>
        <li><a href="#cite">How to cite</a></li>
        <li><a href="#edition">The edition</a></li>
        <li><a href="#principles">Editorial principles</a></li>
        <li><a href="#licence">Licence</a></li>
        <li><a href="#downloads">Downloads</a></li>
        <li><a href="#revisions">Revisions</a></li>
      </ul>
    </nav>

    <section id="cite" class="about-section" aria-labelledby="cite-heading">
      <h2 id="cite-heading">How to cite</h2>
      <p>Cite the edition as a whole:</p>
      <div class="citation-box">
        <p class="citation-text" id="cite-whole"><xsl:value-of select="ed:cite-text('chicago', ())"/></p>
        <button type="button" class="copy-cite" data-copy="{ed:cite-text('chicago', ())}" data-js-only="" hidden="">Copy<span class="vh"> the citation of the edition</span></button>
      </div>
      <h3 id="cite-forms-heading">In Chicago, APA and MLA style, and as BibTeX and RIS</h3>
      <xsl:call-template name="h:cite-panel"/>
      <p>
        <xsl:text>The body paragraphs are numbered ¶1 to ¶</xsl:text>
        <xsl:value-of select="count($ed:paragraphs)"/>
        <xsl:text> in every output of the edition (web, PDF, data); cite a paragraph by its number. In the article each paragraph has a stable anchor (for example </xsl:text>
        <a href="index.html#{$ed:paragraphs[1]/@xml:id}"><code>index.html#<xsl:value-of select="$ed:paragraphs[1]/@xml:id"/></code></a>
        <xsl:text>) and a </xsl:text><q>Cite</q><xsl:text> button in its margin.</xsl:text>
      </p>
      <details class="paragraph-citations">
        <summary>Citations of the <xsl:value-of select="count($ed:paragraphs)"/> paragraphs</summary>
        <ol>
          <xsl:for-each select="$ed:paragraphs">
            <li>
              <p class="citation-text"><xsl:value-of select="ed:cite-text('chicago', .)"/></p>
              <a href="index.html#{@xml:id}">Go to <xsl:value-of select="ed:unit-label(.)"/></a>
              <xsl:text> </xsl:text>
              <button type="button" class="copy-cite" data-copy="{ed:cite-text('chicago', .)}" data-js-only="" hidden="">Copy<span class="vh"> the citation of <xsl:value-of select="ed:unit-label(.)"/></span></button>
            </li>
          </xsl:for-each>
        </ol>
      </details>
      <p>The original article:</p>
      <xsl:for-each select="$header/fileDesc/sourceDesc/bibl">
        <blockquote class="printed">
          <p>
            <xsl:value-of select="normalize-space(author)"/>
            <xsl:text>. </xsl:text>
            <xsl:apply-templates select="title[1]" mode="h:inline"/>
            <xsl:text>.</xsl:text>
          </p>
        </blockquote>
        <xsl:for-each select="note"><p class="source-note"><xsl:apply-templates mode="h:inline"/></p></xsl:for-each>
      </xsl:for-each>
      <p class="copy-status" role="status" aria-live="polite" data-js-only="" hidden=""></p>
    </section>

    <section id="edition" class="about-section" aria-labelledby="edition-heading">
      <h2 id="edition-heading">The edition</h2>
      <xsl:for-each select="$encoding/projectDesc/p">
        <p><xsl:apply-templates mode="h:inline"/></p>
      </xsl:for-each>
      <dl class="facts">
        <xsl:for-each select="$header/fileDesc/titleStmt/respStmt">
          <dt><xsl:value-of select="normalize-space(resp)"/></dt>
          <dd><xsl:value-of select="(name, persName, orgName) ! normalize-space(.)" separator=", "/></dd>
        </xsl:for-each>
        <dt>Edition</dt>
        <dd><xsl:apply-templates select="$header/fileDesc/editionStmt/edition/node()" mode="h:inline"/></dd>
        <dt>Identifier</dt>
        <dd><code><xsl:value-of select="$ed:identifier"/></code></dd>
        <xsl:variable name="languages" select="$header/profileDesc/langUsage/language"/>
        <xsl:if test="exists($languages)">
          <dt>Languages</dt>
          <dd>
            <ul class="plain">
              <xsl:for-each select="$languages">
                <li><code><xsl:value-of select="@ident"/></code><xsl:text>: </xsl:text><xsl:value-of select="normalize-space(.)"/></li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:if>
      </dl>
    </section>

    <section id="principles" class="about-section" aria-labelledby="principles-heading">
      <h2 id="principles-heading">Encoding and editorial principles</h2>
      <xsl:for-each select="$encoding/editorialDecl/*">
        <section class="principle" id="principle-{local-name()}" aria-labelledby="principle-{local-name()}-heading">
          <h3 id="principle-{local-name()}-heading"><xsl:value-of select="h:principle-title(local-name())"/></h3>
          <xsl:for-each select="p">
            <p><xsl:apply-templates mode="h:inline"/></p>
          </xsl:for-each>
        </section>
      </xsl:for-each>
    </section>

    <section id="licence" class="about-section" aria-labelledby="licence-heading">
      <h2 id="licence-heading">Licence</h2>
      <xsl:variable name="availability" select="$header/fileDesc/publicationStmt/availability"/>
      <xsl:for-each select="$availability/licence">
        <p>
          <xsl:apply-templates mode="h:inline"/>
          <xsl:variable name="url" select="ed:safe-url(@target)"/>
          <xsl:if test="exists($url)">
            <xsl:text> </xsl:text>
            <a class="external" href="{$url}" rel="license">Read the licence</a>
          </xsl:if>
        </p>
      </xsl:for-each>
      <xsl:for-each select="$availability/p">
        <p><xsl:apply-templates mode="h:inline"/></p>
      </xsl:for-each>
    </section>

    <section id="downloads" class="about-section" aria-labelledby="downloads-heading">
      <h2 id="downloads-heading">Downloads</h2>
      <p>The edition's source and everything derived from it. The links point to the folders beside this web edition, so they work offline as well as on a web server.</p>
      <dl class="downloads">
        <xsl:for-each-group select="$h:downloads" group-adjacent="?group">
          <dt><xsl:value-of select="current-grouping-key()"/></dt>
          <dd>
            <ul class="plain">
              <xsl:for-each select="current-group()">
                <li><a href="{?href}"><xsl:value-of select="?label"/></a><xsl:text> </xsl:text><span class="file-name"><xsl:value-of select="tokenize(?href, '/')[last()]"/></span></li>
              </xsl:for-each>
            </ul>
          </dd>
        </xsl:for-each-group>
      </dl>
    </section>

    <section id="revisions" class="about-section" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">Revisions</h2>
      <ul class="plain">
        <xsl:for-each select="$header/revisionDesc/change">
          <li>
            <time datetime="{@when}"><xsl:value-of select="ed:format-iso(@when)"/></time>
            <xsl:text>: </xsl:text>
            <xsl:apply-templates mode="h:inline"/>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- What the pages offer for download (ed:downloads, model-outputs.xsl),
       with their links from the HTML folder. -->
  <xsl:variable name="h:downloads" as="map(xs:string, xs:string)*" select="ed:downloads() ! map{
    'group': string(@group), 'label': string(@label), 'href': ed:output-href(.)}"/>

  <xsl:function name="h:principle-title" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="(map{'correction': 'Correction', 'normalization': 'Normalisation', 'quotation': 'Quotation marks',
      'hyphenation': 'Hyphenation', 'segmentation': 'Segmentation and citable units', 'interpretation': 'Names, dates and references',
      'stdVals': 'Standard values', 'punctuation': 'Punctuation'}($name),
      upper-case(substring($name, 1, 1)) || substring($name, 2))[1]"/>
  </xsl:function>


</xsl:stylesheet>
