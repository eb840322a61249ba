<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-text.xsl: the article page (index.html) and mode h:inline, the
  rendering of TEI phrase content used on every page.

  Mode h:inline takes the tunnel parameter $anchors: true inside the article,
  where every name, date and citation gets its stable id (ed:mention-id,
  ed:date-id, ed:citation-id) and a card; false elsewhere (registers, notes
  quoted on other pages), where names are plain links to their entries.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:h="urn:x-anvar-posho-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:variable name="h:front" as="element(front)?" select="$ed:tei/text/front"/>
  <xsl:variable name="h:title-page" as="element(titlePage)?" select="$h:front/titlePage"/>
  <xsl:variable name="h:text-notes" as="element(note)*" select="$ed:tei/text//note[@type = 'editorial']"/>
  <!-- The kinds the legend can highlight (the kinds table's highlight column). -->
  <xsl:variable name="h:kinds" as="element(ed:kind)*" select="$ed:kind-table/ed:kind[@highlight = 'yes']"/>

  <!-- ===== index.html ===== -->

  <xsl:template name="h:article">
    <xsl:variable name="abstract" select="$h:front/div[@type = 'abstract']"/>
    <xsl:variable name="keywords" select="$h:front/div[@type = 'keywords']"/>
    <header class="title-block" id="title">
      <p class="edition-kicker">
        <xsl:text>Digital edition </xsl:text>
        <xsl:value-of select="$ed:edition-version"/>
        <xsl:text> · </xsl:text>
        <time datetime="{$ed:edition-date}"><xsl:value-of select="ed:format-iso($ed:edition-date)"/></time>
      </p>
      <h1 class="article-title">
        <xsl:apply-templates select="$h:title-page/docTitle/titlePart" mode="h:inline">
          <xsl:with-param name="anchors" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </h1>
      <p class="normalised-title">
        <span class="vh">Normalised title: </span>
        <xsl:value-of select="$ed:full-title"/>
      </p>
      <div class="byline">
        <xsl:for-each select="$h:title-page/byline">
          <p>
            <xsl:apply-templates mode="h:inline">
              <xsl:with-param name="anchors" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </p>
        </xsl:for-each>
        <xsl:for-each select="$h:title-page/gap">
          <p><xsl:apply-templates select="." mode="h:inline"/></p>
        </xsl:for-each>
      </div>
    </header>

    <aside class="sidebar" aria-label="Contents and highlighting">
      <nav class="toc" aria-labelledby="toc-heading">
        <h2 id="toc-heading">Contents</h2>
        <ol>
          <xsl:if test="$abstract"><li><a href="#{$abstract/@xml:id}"><xsl:value-of select="$abstract/head"/></a></li></xsl:if>
          <xsl:for-each select="$ed:tei/text/body/div">
            <li>
              <a href="#{h:div-id(.)}"><xsl:value-of select="normalize-space(head)"/></a>
              <xsl:if test=".//table">
                <ol>
                  <xsl:for-each select=".//table">
                    <li><a href="#{@xml:id}"><xsl:value-of select="ed:unit-label(.)"/></a></li>
                  </xsl:for-each>
                </ol>
              </xsl:if>
            </li>
          </xsl:for-each>
          <xsl:for-each select="$ed:tei/text/back/div">
            <li><a href="#{h:div-id(.)}"><xsl:value-of select="normalize-space(head)"/></a></li>
          </xsl:for-each>
          <xsl:if test="exists($h:text-notes)"><li><a href="#notes">Editorial notes</a></li></xsl:if>
        </ol>
      </nav>
      <div class="legend" role="group" aria-labelledby="legend-heading" data-js-only="" hidden="">
        <h2 id="legend-heading">Highlight</h2>
        <p class="legend-help">Names and dates link to the registers; hover or focus one to see what the edition knows.</p>
        <ul>
          <xsl:for-each select="$h:kinds">
            <li>
              <button type="button" class="hl-toggle hl-toggle-{@class}" data-kind="{@class}" aria-pressed="false">
                <span class="swatch" aria-hidden="true"></span>
                <xsl:value-of select="@plural"/>
              </button>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </aside>

    <xsl:if test="$abstract">
      <section class="abstract" id="{$abstract/@xml:id}" aria-labelledby="{$abstract/@xml:id}-heading">
        <h2 id="{$abstract/@xml:id}-heading"><xsl:value-of select="normalize-space($abstract/head)"/></h2>
        <xsl:apply-templates select="$abstract/p" mode="h:block"/>
      </section>
    </xsl:if>
    <xsl:if test="$keywords">
      <section class="keywords" id="{$keywords/@xml:id}" aria-labelledby="{$keywords/@xml:id}-heading">
        <h2 id="{$keywords/@xml:id}-heading"><xsl:value-of select="normalize-space($keywords/head)"/></h2>
        <xsl:apply-templates select="$keywords/p" mode="h:block"/>
      </section>
    </xsl:if>

    <div class="article-body">
      <xsl:apply-templates select="$ed:tei/text/body/div" mode="h:block"/>
    </div>
    <xsl:apply-templates select="$ed:tei/text/back/div" mode="h:block"/>
    <xsl:if test="exists($h:text-notes)">
      <section class="notes" id="notes" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Editorial notes</h2>
        <ol class="note-list">
          <xsl:for-each select="$h:text-notes">
            <li id="{ed:note-id(.)}" value="{ed:note-number(.)}">
              <p>
                <xsl:apply-templates mode="h:inline">
                  <xsl:with-param name="anchors" select="true()" tunnel="yes"/>
                </xsl:apply-templates>
                <xsl:text> </xsl:text>
                <a class="backlink" href="#{h:noteref-id(.)}">
                  <span aria-hidden="true">↩ </span>
                  <span class="vh">Back to the text, </span>
                  <xsl:value-of select="ed:unit-label(ed:unit(.))"/>
                </a>
              </p>
              <xsl:if test="@resp">
                <p class="note-resp">
                  <xsl:text>— </xsl:text>
                  <xsl:value-of select="(ed:target(@resp)/normalize-space(), ed:id(@resp))[1]"/>
                </p>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
    <p class="copy-status" role="status" aria-live="polite" data-js-only="" hidden=""></p>
  </xsl:template>

  <xsl:function name="h:div-id" as="xs:string">
    <xsl:param name="div" as="element(div)"/>
    <xsl:sequence select="($div/@xml:id, generate-id($div))[1]"/>
  </xsl:function>

  <!-- ===== Blocks (mode h:block): the article's structure ===== -->

  <xsl:template match="body/div | back/div" mode="h:block">
    <section class="section section-{(@type, 'div')[1]}" id="{h:div-id(.)}" aria-labelledby="{h:div-id(.)}-heading">
      <h2 id="{h:div-id(.)}-heading">
        <xsl:apply-templates select="head/node()" mode="h:inline">
          <xsl:with-param name="anchors" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </h2>
      <xsl:apply-templates select="* except head" mode="h:block"/>
    </section>
  </xsl:template>

  <xsl:template match="div/div" mode="h:block" priority="2">
    <section class="subsection" id="{h:div-id(.)}">
      <h3><xsl:apply-templates select="head/node()" mode="h:inline"><xsl:with-param name="anchors" select="true()" tunnel="yes"/></xsl:apply-templates></h3>
      <xsl:apply-templates select="* except head" mode="h:block"/>
    </section>
  </xsl:template>

  <!-- A numbered paragraph: the citable unit, with its ¶ mark in the margin
       and a button that copies its citation. -->
  <xsl:template match="p[@n]" mode="h:block">
    <xsl:variable name="id" select="ed:unit-id(.)"/>
    <p class="para" id="{$id}">
      <xsl:apply-templates select="@xml:lang" mode="h:lang"/>
      <span class="pmark">
        <a class="pnum" href="#{$id}" title="Link to paragraph {@n}"><xsl:value-of select="ed:unit-label(.)"/></a>
        <button type="button" class="copy-cite" data-copy="{ed:cite-edition(.)}" data-js-only="" hidden="">Cite<span class="vh"><xsl:text> </xsl:text><xsl:value-of select="ed:unit-label(.)"/></span></button>
      </span>
      <xsl:apply-templates mode="h:inline">
        <xsl:with-param name="anchors" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </p>
  </xsl:template>

  <xsl:template match="p" mode="h:block">
    <p>
      <xsl:apply-templates select="@xml:lang" mode="h:lang"/>
      <xsl:apply-templates mode="h:inline">
        <xsl:with-param name="anchors" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </p>
  </xsl:template>

  <xsl:template match="table" mode="h:block">
    <xsl:variable name="id" select="ed:unit-id(.)"/>
    <figure class="table-figure" id="{$id}">
      <div class="table-scroll" role="region" aria-labelledby="{$id}-caption" tabindex="0">
        <table>
          <caption id="{$id}-caption">
            <xsl:apply-templates select="head/node()" mode="h:inline">
              <xsl:with-param name="anchors" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </caption>
          <xsl:variable name="head" select="ed:table-head(.)"/>
          <xsl:if test="exists($head)">
            <thead><xsl:apply-templates select="$head" mode="h:row"/></thead>
          </xsl:if>
          <tbody>
            <xsl:apply-templates select="row except $head" mode="h:row"/>
          </tbody>
        </table>
      </div>
    </figure>
  </xsl:template>

  <!-- Header cells by the model's rule (ed:cell-scope). -->
  <xsl:template match="row" mode="h:row">
    <tr>
      <xsl:for-each select="cell">
        <xsl:variable name="scope" select="ed:cell-scope(.)"/>
        <xsl:choose>
          <xsl:when test="exists($scope)">
            <th scope="{$scope}"><xsl:call-template name="h:cell-content"/></th>
          </xsl:when>
          <xsl:otherwise>
            <td><xsl:call-template name="h:cell-content"/></td>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </tr>
  </xsl:template>

  <xsl:template name="h:cell-content">
    <xsl:if test="@cols > 1"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
    <xsl:if test="@rows > 1"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
    <xsl:apply-templates select="@xml:lang" mode="h:lang"/>
    <xsl:apply-templates mode="h:inline">
      <xsl:with-param name="anchors" select="true()" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The printed reference list. -->
  <xsl:template match="listBibl" mode="h:block">
    <ol class="reference-list">
      <xsl:for-each select="bibl">
        <xsl:variable name="record" select="ed:target(@corresp)[self::biblStruct]"/>
        <li id="{(@xml:id, 'ref' || @n)[1]}" value="{@n}">
          <span class="ref-n" aria-hidden="true">[<xsl:value-of select="@n"/>]</span>
          <span class="ref-text">
            <xsl:apply-templates mode="h:inline">
              <xsl:with-param name="anchors" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
          </span>
          <xsl:if test="$record">
            <span class="ref-links">
              <xsl:text> </xsl:text>
              <a href="{h:entry-href($record)}">Bibliography entry<span class="vh"><xsl:text> for reference </xsl:text><xsl:value-of select="@n"/></span></a>
              <xsl:for-each select="ed:citations($record)">
                <xsl:text> · </xsl:text>
                <a href="#{ed:citation-id(.)}"><span class="vh">Cited in </span><xsl:value-of select="ed:unit-label(ed:unit(.))"/></a>
              </xsl:for-each>
            </span>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template match="*" mode="h:block">
    <div><xsl:apply-templates mode="h:inline"><xsl:with-param name="anchors" select="true()" tunnel="yes"/></xsl:apply-templates></div>
  </xsl:template>

  <!-- ===== Phrases (mode h:inline) ===== -->

  <!-- A name of a register entry: a link to the entry; in the article also
       the mention's stable id and its card. -->
  <xsl:template match="persName[@ref] | placeName[@ref] | orgName[@ref] | name[@ref]" mode="h:inline">
    <xsl:param name="anchors" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="entry" select="ed:entry(.)"/>
    <xsl:choose>
      <!-- A name inside an event's name (Battle of Baljuvon): the event's name is
           the link (links do not nest); this one keeps its mention id and card. -->
      <xsl:when test="ed:is-entry($entry) and ancestor::*[@ref][self::persName or self::placeName or self::orgName or self::name]">
        <span class="ent ent-{ed:kind-row(ed:kind($entry))/@class}">
          <xsl:if test="$anchors and ancestor::text">
            <xsl:attribute name="id" select="ed:mention-id(.)"/>
            <xsl:attribute name="data-card" select="'card-' || $entry/@xml:id"/>
          </xsl:if>
          <xsl:apply-templates select="@xml:lang" mode="h:lang"/>
          <xsl:apply-templates mode="h:inline"/>
        </span>
      </xsl:when>
      <xsl:when test="ed:is-entry($entry)">
        <xsl:variable name="kind" select="ed:kind($entry)"/>
        <a class="ent ent-{ed:kind-row($kind)/@class}" href="{h:entry-href($entry)}">
          <xsl:if test="$anchors and ancestor::text">
            <xsl:attribute name="id" select="ed:mention-id(.)"/>
            <xsl:attribute name="data-card" select="'card-' || $entry/@xml:id"/>
          </xsl:if>
          <xsl:apply-templates select="@xml:lang" mode="h:lang"/>
          <xsl:apply-templates mode="h:inline"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name"><xsl:apply-templates select="@xml:lang" mode="h:lang"/><xsl:apply-templates mode="h:inline"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date. In the article, a dated mention links to its place in the
       chronology (chronology.html#d-7) and carries the same id. -->
  <xsl:template match="date" mode="h:inline">
    <xsl:param name="anchors" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="time">
      <xsl:choose>
        <xsl:when test="@when and h:html-datetime(@when)">
          <time datetime="{@when}"><xsl:apply-templates select="@xml:lang" mode="h:lang"/><xsl:apply-templates mode="h:inline"/></time>
        </xsl:when>
        <xsl:otherwise>
          <span class="date"><xsl:apply-templates select="@xml:lang" mode="h:lang"/><xsl:apply-templates mode="h:inline"/></span>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$anchors and exists(. intersect $ed:dated-mentions)">
        <xsl:variable name="id" select="ed:date-id(.)"/>
        <a class="ent ent-{ed:kind-row('date')/@class}" href="{h:register-file('date')}#{$id}" id="{$id}" data-card="card-{$id}">
          <xsl:sequence select="$time"/>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$time"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Is an ISO value one that HTML's <time datetime> accepts? -->
  <xsl:function name="h:html-datetime" as="xs:boolean">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="matches($iso, '^\d{4}(-\d{2}(-\d{2})?)?$')"/>
  </xsl:function>

  <!-- A citation [n]: a link to its bibliography entry, with a preview card. -->
  <xsl:template match="ref[@type = 'citation']" mode="h:inline" priority="3">
    <xsl:param name="anchors" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="record" select="ed:target(@target)"/>
    <xsl:choose>
      <xsl:when test="$record[self::biblStruct]">
        <a class="cite" href="{h:entry-href($record)}">
          <xsl:if test="$anchors and ancestor::text">
            <xsl:attribute name="id" select="ed:citation-id(.)"/>
            <xsl:attribute name="data-card" select="'card-' || $record/@xml:id"/>
          </xsl:if>
          <xsl:apply-templates mode="h:inline"/>
        </a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="h:inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Any other pointer: an href only when it resolves to the edition or is
       a safe URL (ed:safe-url drops javascript:, data: ...). -->
  <xsl:template match="ref[@target] | ptr[@target]" mode="h:inline">
    <xsl:variable name="href" select="h:pointer-href(@target)"/>
    <xsl:choose>
      <xsl:when test="exists($href)">
        <a href="{$href}">
          <xsl:apply-templates select="@xml:lang" mode="h:lang"/>
          <xsl:if test="matches($href, '^https?://')"><xsl:attribute name="class" select="'external'"/></xsl:if>
          <xsl:apply-templates mode="h:inline"/>
          <xsl:if test="self::ptr"><xsl:value-of select="@target"/></xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ref-unlinked"><xsl:apply-templates mode="h:inline"/><xsl:if test="self::ptr"><xsl:value-of select="@target"/></xsl:if></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An editorial note in the text: a numbered marker here, the note itself
       in the list of editorial notes. -->
  <xsl:template match="note[@type = 'editorial']" mode="h:inline" priority="3">
    <xsl:param name="anchors" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$anchors and ancestor::text">
      <sup class="noteref-wrap"><a class="noteref" href="#{ed:note-id(.)}" id="{h:noteref-id(.)}" data-card="card-{ed:note-id(.)}"><span class="vh">Editorial note </span><xsl:value-of select="ed:note-number(.)"/></a></sup>
    </xsl:if>
  </xsl:template>
  <xsl:template match="note" mode="h:inline">
    <span class="note"><xsl:apply-templates mode="h:inline"/></span>
  </xsl:template>

  <!-- A page break of the original: an unobtrusive marker. -->
  <xsl:template match="pb" mode="h:inline">
    <span class="pb" title="Page break in the original"><span class="vh"> [page break in the original] </span></span>
  </xsl:template>

  <xsl:template match="lb" mode="h:inline">
    <xsl:if test="not(starts-with(following-sibling::node()[1][self::text()], ' '))"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="num" mode="h:inline">
    <data class="num" value="{@value}"><xsl:apply-templates mode="h:inline"/></data>
  </xsl:template>

  <!-- Quotation marks are in the text as printed, so <quote> adds none. -->
  <xsl:template match="quote" mode="h:inline">
    <span class="quote"><xsl:apply-templates select="@xml:lang" mode="h:lang"/><xsl:apply-templates mode="h:inline"/></span>
  </xsl:template>
  <xsl:template match="q | soCalled" mode="h:inline">
    <q><xsl:apply-templates select="@xml:lang" mode="h:lang"/><xsl:apply-templates mode="h:inline"/></q>
  </xsl:template>

  <xsl:template match="title" mode="h:inline">
    <xsl:choose>
      <xsl:when test="@rend = 'italic' or (@level = ('j', 'm') and not(ancestor::bibl[@corresp]))">
        <cite class="title title-{(@level, 'm')[1]}"><xsl:apply-templates select="@xml:lang" mode="h:lang"/><xsl:apply-templates mode="h:inline"/></cite>
      </xsl:when>
      <xsl:otherwise>
        <span class="title title-{(@level, 'm')[1]}"><xsl:apply-templates select="@xml:lang" mode="h:lang"/><xsl:apply-templates mode="h:inline"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="hi[@rend = 'italic'] | emph | foreign" mode="h:inline">
    <i><xsl:apply-templates select="@xml:lang" mode="h:lang"/><xsl:apply-templates mode="h:inline"/></i>
  </xsl:template>
  <xsl:template match="hi[@rend = 'bold']" mode="h:inline">
    <b><xsl:apply-templates mode="h:inline"/></b>
  </xsl:template>
  <xsl:template match="mentioned" mode="h:inline">
    <em class="mentioned"><xsl:apply-templates select="@xml:lang" mode="h:lang"/><xsl:apply-templates mode="h:inline"/></em>
  </xsl:template>
  <xsl:template match="gi" mode="h:inline">
    <code class="gi">&lt;<xsl:value-of select="."/>&gt;</code>
  </xsl:template>
  <xsl:template match="att" mode="h:inline">
    <code class="att">@<xsl:value-of select="."/></code>
  </xsl:template>
  <xsl:template match="code | tag | val" mode="h:inline">
    <code><xsl:apply-templates mode="h:inline"/></code>
  </xsl:template>

  <xsl:template match="email" mode="h:inline">
    <xsl:variable name="href" select="ed:safe-url('mailto:' || normalize-space(.))"/>
    <xsl:choose>
      <xsl:when test="exists($href)"><a class="email" href="{$href}"><xsl:value-of select="normalize-space(.)"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An omission of the edition, in editorial brackets. -->
  <xsl:template match="gap" mode="h:inline">
    <span class="gap">
      <xsl:text>[</xsl:text>
      <xsl:value-of select="(normalize-space(desc)[. ne ''], 'omitted' || @reason ! (': ' || replace(., '-', ' ')))[1]"/>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="term | author | editor | biblScope | pubPlace | publisher | roleName | forename | surname
                       | addName | docAuthor | bibl | seg | desc | placeName | persName | orgName | name | eventName"
                mode="h:inline">
    <xsl:choose>
      <xsl:when test="@xml:lang">
        <span><xsl:apply-templates select="@xml:lang" mode="h:lang"/><xsl:apply-templates mode="h:inline"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="h:inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="h:inline" priority="-2">
    <xsl:apply-templates mode="h:inline"/>
  </xsl:template>

  <xsl:template match="text()" mode="h:inline">
    <xsl:value-of select="."/>
  </xsl:template>

</xsl:stylesheet>
