<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl: the HTML reading edition.

  One run writes seven pages with xsl:result-document (relative hrefs, so
  they land in the output folder the runner sets):
    index.html          the article, with linked names, dates and citations
    persons.html        register of persons
    places.html         register of places, with an inline SVG map
    organisations.html  register of organisations
    chronology.html     events and dated mentions, with an inline SVG timeline
    bibliography.html   the structured references and their printed form
    about.html          how to cite, editorial principles, licence, downloads
  The static assets (assets/edition.css, assets/edition.js, assets/icon.svg)
  are copied beside them by the build step (tei_edition.steps_html).

  Modules (included, so they share this stylesheet's precedence):
    html-text.xsl       the article and the inline rendering of TEI phrases
    html-cards.xsl      the <template> cards shown on hover or focus
    html-registers.xsl  the register pages and about.html
    html-graphics.xsl   the SVG map and timeline

  Nothing here reads the clock or the environment: the same source gives the
  same bytes.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:array="http://www.w3.org/2005/xpath-functions/array"
  xmlns:math="http://www.w3.org/2005/xpath-functions/math"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:h="urn:x-anvar-posho-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all"
  expand-text="no">

  <xsl:import href="common.xsl"/>
  <xsl:include href="html-text.xsl"/>
  <xsl:include href="html-cards.xsl"/>
  <xsl:include href="html-registers.xsl"/>
  <xsl:include href="html-graphics.xsl"/>

  <xsl:output method="html" version="5" html-version="5" encoding="UTF-8" indent="no"
    include-content-type="no"/>

  <!-- The pages of the edition (file, navigation label, title, description)
       are $ed:outputs of format html (model-outputs.xsl); their content is
       mode h:page-content of the page's row. -->

  <!-- ===== Entry point ===== -->

  <xsl:template match="/">
    <xsl:apply-templates select="ed:pages()" mode="h:page-content"/>
  </xsl:template>

  <xsl:template match="ed:output[@path = 'html/index.html']" mode="h:page-content">
    <xsl:call-template name="h:page">
      <xsl:with-param name="page" select="."/>
      <xsl:with-param name="class" select="'page-article'"/>
      <xsl:with-param name="content"><xsl:call-template name="h:article"/></xsl:with-param>
      <xsl:with-param name="cards"><xsl:call-template name="h:cards"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A register page: its kind's entries, sorted (html-registers.xsl). -->
  <xsl:template match="ed:output[@kind ne '']" mode="h:page-content">
    <xsl:call-template name="h:page">
      <xsl:with-param name="page" select="."/>
      <xsl:with-param name="content">
        <xsl:call-template name="h:register">
          <xsl:with-param name="kind" select="string(@kind)"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="ed:output[@kind = 'event']" mode="h:page-content" priority="2">
    <xsl:call-template name="h:page">
      <xsl:with-param name="page" select="."/>
      <xsl:with-param name="content"><xsl:call-template name="h:chronology"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="ed:output[@kind = 'bibl']" mode="h:page-content" priority="2">
    <xsl:call-template name="h:page">
      <xsl:with-param name="page" select="."/>
      <xsl:with-param name="content"><xsl:call-template name="h:bibliography"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="ed:output[@path = 'html/about.html']" mode="h:page-content">
    <xsl:call-template name="h:page">
      <xsl:with-param name="page" select="."/>
      <xsl:with-param name="content"><xsl:call-template name="h:about"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== The page shell ===== -->

  <xsl:template name="h:page">
    <xsl:param name="page" as="element(ed:output)"/>
    <xsl:param name="class" as="xs:string" select="'page-register'"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="cards" as="node()*" select="()"/>
    <xsl:variable name="file" select="ed:output-href($page)"/>
    <xsl:result-document href="{$file}">
      <html lang="{($ed:language[. ne ''], 'en')[1]}">
        <head>
          <meta charset="utf-8"/>
          <meta name="viewport" content="width=device-width, initial-scale=1"/>
          <meta name="color-scheme" content="light dark"/>
          <title>
            <xsl:value-of select="if ($page/@title ne '') then $page/@title || ' · ' || $ed:short-title || ' (digital edition)'
                                  else $ed:full-title || ' · digital edition'"/>
          </title>
          <meta name="description" content="{$page/@description}"/>
          <link rel="stylesheet" href="assets/edition.css"/>
          <link rel="icon" href="assets/icon.svg" type="image/svg+xml"/>
          <xsl:if test="$ed:edition-url ne ''">
            <link rel="canonical" href="{ed:published-url($page)}"/>
          </xsl:if>
          <xsl:call-template name="h:highwire"/>
          <xsl:call-template name="h:dublin-core"/>
          <script type="application/ld+json">
            <xsl:value-of select="h:json(h:json-ld())"/>
          </script>
          <script src="assets/edition.js" defer=""></script>
        </head>
        <body class="{$class}">
          <a class="skip-link" href="#main">Skip to content</a>
          <header class="site-header">
            <div class="site-header-inner">
              <p class="site-title">
                <a href="index.html">
                  <span class="site-title-main"><xsl:value-of select="$ed:short-title"/></span>
                  <span class="site-title-sub">A digital edition</span>
                </a>
              </p>
              <nav class="site-nav" aria-label="Edition">
                <ul>
                  <xsl:for-each select="ed:pages()">
                    <li>
                      <a href="{ed:output-href(.)}">
                        <xsl:if test=". is $page"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                        <xsl:value-of select="@nav"/>
                      </a>
                    </li>
                  </xsl:for-each>
                </ul>
              </nav>
            </div>
          </header>
          <main id="main" tabindex="-1">
            <xsl:sequence select="$content"/>
          </main>
          <footer class="site-footer">
            <div class="site-footer-inner">
              <p>
                <cite><xsl:value-of select="$ed:full-title"/></cite>
                <xsl:text>, by </xsl:text>
                <xsl:value-of select="$ed:author-name"/>
                <xsl:text>. Digital edition </xsl:text>
                <xsl:value-of select="$ed:edition-version"/>
                <xsl:text>, </xsl:text>
                <time datetime="{$ed:edition-date}"><xsl:value-of select="ed:format-iso($ed:edition-date)"/></time>
                <xsl:text>, </xsl:text>
                <xsl:value-of select="$ed:publisher"/>
                <xsl:text>.</xsl:text>
              </p>
              <p>
                <xsl:text>Encoding, registers and notes: </xsl:text>
                <xsl:call-template name="h:licence-link"/>
                <xsl:text>. </xsl:text>
                <a href="about.html#cite">How to cite</a>
                <xsl:text> · </xsl:text>
                <a href="about.html#downloads">Downloads</a>
                <xsl:text> · </xsl:text>
                <span class="identifier"><xsl:value-of select="$ed:identifier"/></span>
              </p>
            </div>
          </footer>
          <xsl:if test="exists($cards)">
            <div id="card-store" hidden="">
              <xsl:sequence select="$cards"/>
            </div>
          </xsl:if>
        </body>
      </html>
    </xsl:result-document>
  </xsl:template>

  <xsl:template name="h:licence-link">
    <xsl:variable name="url" select="ed:safe-url($ed:licence-url)"/>
    <xsl:variable name="name" select="(replace(normalize-space($ed:licence), '^.*\(([^()]+)\)\.?$', '$1')[. ne normalize-space($ed:licence)], 'licence')[1]"/>
    <xsl:choose>
      <xsl:when test="exists($url)"><a href="{$url}" rel="license"><xsl:value-of select="$name"/></a></xsl:when>
      <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!-- ===== Metadata: Highwire Press, Dublin Core, schema.org ===== -->

  <xsl:variable name="h:pdf-url" as="xs:string" select="ed:published-url(ed:output('pdf/article.pdf'))"/>
  <xsl:variable name="h:article-url" as="xs:string" select="ed:published-url(ed:output('html/index.html'))"/>

  <xsl:template name="h:highwire">
    <meta name="citation_title" content="{$ed:full-title}"/>
    <meta name="citation_author" content="{$ed:author-inverted}"/>
    <xsl:if test="$ed:author-affiliation ne ''">
      <meta name="citation_author_institution" content="{$ed:author-affiliation}"/>
    </xsl:if>
    <meta name="citation_publication_date" content="{translate($ed:edition-date, '-', '/')}"/>
    <meta name="citation_online_date" content="{translate($ed:edition-date, '-', '/')}"/>
    <meta name="citation_publisher" content="{$ed:publisher}"/>
    <meta name="citation_language" content="{$ed:language}"/>
    <meta name="citation_keywords" content="{string-join($ed:keywords, '; ')}"/>
    <meta name="citation_abstract" content="{$ed:abstract}"/>
    <meta name="citation_pdf_url" content="{$h:pdf-url}"/>
    <xsl:if test="$ed:edition-url ne ''">
      <meta name="citation_fulltext_html_url" content="{$h:article-url}"/>
      <meta name="citation_public_url" content="{$h:article-url}"/>
    </xsl:if>
    <xsl:for-each select="$ed:bibliography">
      <xsl:variable name="parts" select="ed:record-parts(.)"/>
      <meta name="citation_reference" content="{string-join((
        $parts?authors ! ('citation_author=' || ?family || ', ' || ?given),
        'citation_title=' || $parts?title,
        $parts?container ! ((if (current()/monogr/title/@level = 'j') then 'citation_journal_title=' else 'citation_inbook_title=') || .),
        $parts?volume ! ('citation_volume=' || .),
        $parts?issue ! ('citation_issue=' || .),
        $parts?pages ! ('citation_firstpage=' || substring-before(. || '-', '-')),
        $parts?pages[contains(., '-')] ! ('citation_lastpage=' || substring-after(., '-')),
        $parts?publisher ! ('citation_publisher=' || .),
        ('citation_publication_date=' || $parts?year)[$parts?year ne '']), '; ')}"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The edition's Dublin Core record (ed:dublin-core), as data/dublin-core.xml has it. -->
  <xsl:template name="h:dublin-core">
    <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    <link rel="schema.DCTERMS" href="http://purl.org/dc/terms/"/>
    <xsl:for-each select="ed:dublin-core()">
      <meta name="DC.{?1}" content="{?2}"/>
    </xsl:for-each>
    <xsl:if test="exists(ed:safe-url($ed:licence-url))">
      <meta name="DCTERMS.license" content="{ed:safe-url($ed:licence-url)}"/>
    </xsl:if>
  </xsl:template>

  <!-- schema.org ScholarlyArticle, as an XDM map for JSON serialisation. -->
  <xsl:function name="h:json-ld" as="map(*)">
    <xsl:variable name="source" select="$ed:tei/teiHeader/fileDesc/sourceDesc/bibl[1]"/>
    <xsl:variable name="mentioned" select="$ed:named-entries
      [exists(ed:mentions(.))][not(@xml:id = $ed:title-stmt/author/@ref ! ed:id(.))]"/>
    <xsl:sequence select="map:merge((
      map{'@context': 'https://schema.org',
          '@type': 'ScholarlyArticle',
          '@id': if ($ed:edition-url ne '') then $h:article-url else $ed:identifier,
          'identifier': $ed:identifier,
          'name': $ed:full-title,
          'headline': $ed:title,
          'alternativeHeadline': $ed:subtitle,
          'author': h:json-ld-author(),
          'datePublished': $ed:edition-date,
          'version': $ed:edition-version,
          'inLanguage': $ed:language,
          'publisher': map{'@type': 'Organization', 'name': $ed:publisher},
          'abstract': $ed:abstract,
          'keywords': string-join($ed:keywords, ', '),
          'about': array{ $ed:keywords ! map{'@type': 'DefinedTerm', 'name': .} },
          'mentions': array{ $mentioned ! h:json-ld-thing(.) },
          'citation': array{ $ed:bibliography ! h:json-ld-work(.) },
          'isBasedOn': map{'@type': 'ScholarlyArticle',
                           'name': normalize-space($source/title[1]),
                           'author': map{'@type': 'Person', 'name': normalize-space($source/author[1])}},
          'encoding': array{
            map{'@type': 'MediaObject', 'encodingFormat': 'application/pdf', 'contentUrl': $h:pdf-url},
            map{'@type': 'MediaObject', 'encodingFormat': 'application/tei+xml',
                'contentUrl': ed:published-url(ed:output('data/article.xml'))}}},
      (map{'license': ed:safe-url($ed:licence-url)})[exists(ed:safe-url($ed:licence-url))],
      (map{'url': $h:article-url})[$ed:edition-url ne '']
    ))"/>
  </xsl:function>

  <xsl:function name="h:json-ld-author" as="map(*)">
    <xsl:sequence select="map:merge((
      map{'@type': 'Person',
          'name': $ed:author-forenames || ' ' || $ed:author-surname,
          'familyName': $ed:author-surname,
          'givenName': $ed:author-forenames},
      (map{'affiliation': map{'@type': 'Organization', 'name': $ed:author-affiliation}})[$ed:author-affiliation ne '']))"/>
  </xsl:function>

  <xsl:function name="h:json-ld-thing" as="map(*)">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="kind" select="ed:kind($entry)"/>
    <xsl:variable name="same-as" select="$entry/idno ! ed:idno-url(.) ! ed:safe-url(.)"/>
    <xsl:variable name="geo" select="if ($entry/self::place) then ed:lat-long($entry) else ()"/>
    <xsl:sequence select="map:merge((
      map{'@type': string(ed:kind-row($kind)/@schema-org),
          '@id': h:entry-url($entry),
          'name': ed:label($entry)},
      (map{'alternateName': array{ ed:variants($entry) }})[exists(ed:variants($entry))],
      (map{'sameAs': array{ $same-as }})[exists($same-as)],
      (map{'geo': map{'@type': 'GeoCoordinates', 'latitude': $geo[1], 'longitude': $geo[2]}})[count($geo) = 2],
      (map{'birthDate': string($entry/birth[1]/@when)})[$entry/birth/@when],
      (map{'deathDate': string($entry/death[1]/@when)})[count($entry/death[@when]) = 1],
      (map{'startDate': ed:date-start($entry), 'endDate': ed:date-end($entry)})[$entry/self::event]
    ))"/>
  </xsl:function>

  <xsl:function name="h:json-ld-work" as="map(*)">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:variable name="parts" select="ed:record-parts($record)"/>
    <xsl:sequence select="map:merge((
      map{'@type': if ($record/@type = 'book') then 'Book' else 'ScholarlyArticle',
          'name': $parts?title,
          'author': array{ $parts?authors ! map{'@type': 'Person', 'familyName': ?family, 'givenName': ?given,
                                             'name': ?given || ' ' || ?family} },
          'datePublished': $parts?year},
      (map{'isPartOf': map{'@type': if ($record/monogr/title/@level = 'j') then 'Periodical' else 'Book',
                           'name': $parts?container}})[exists($parts?container)],
      (map{'volumeNumber': $parts?volume})[exists($parts?volume)],
      (map{'issueNumber': $parts?issue})[exists($parts?issue)],
      (map{'pagination': $parts?pages})[exists($parts?pages)],
      (map{'publisher': map{'@type': 'Organization', 'name': $parts?publisher}})[exists($parts?publisher)],
      (map{'url': $parts?url})[exists($parts?url)],
      (map{'inLanguage': $parts?language})[$parts?language ne '']
    ))"/>
  </xsl:function>

  <!-- JSON for a <script> element: '<' is escaped so that no '</script'
       can end the element early. -->
  <xsl:function name="h:json" as="xs:string">
    <xsl:param name="value" as="item()*"/>
    <xsl:sequence select="replace(serialize($value, map{'method': 'json', 'indent': false()}), '&lt;', '\\u003c')"/>
  </xsl:function>

  <!-- ===== Links between the pages ===== -->

  <!-- The page that holds the register of a kind (the kinds table's page). -->
  <xsl:function name="h:register-file" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="string(ed:kind-row($kind)/@page)"/>
  </xsl:function>

  <!-- Relative link to a register entry. -->
  <xsl:function name="h:entry-href" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="h:register-file(ed:kind($entry)) || '#' || $entry/@xml:id"/>
  </xsl:function>

  <!-- URL of a register entry for JSON-LD ids: absolute when the edition URL
       is known, else relative (JSON-LD resolves it against the page). -->
  <xsl:function name="h:entry-url" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$ed:edition-url || h:entry-href($entry)"/>
  </xsl:function>


  <!-- The href for a TEI pointer (@target, @ref): a register entry, a place in
       the article, or an external URL that ed:safe-url lets through. -->
  <xsl:function name="h:pointer-href" as="xs:string?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="pointer-text" select="normalize-space($pointer)"/>
    <xsl:variable name="target" select="if (starts-with($pointer-text, '#')) then ed:target($pointer-text) else ()"/>
    <xsl:sequence select="
      if (ed:is-entry($target)) then h:entry-href($target)
      else if (exists($target) and $target/ancestor::text) then 'index.html' || $pointer-text
      else if (starts-with($pointer-text, '#')) then ()
      else ed:safe-url($pointer-text)"/>
  </xsl:function>




  <xsl:function name="h:noteref-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="'ref-' || ed:note-id($note)"/>
  </xsl:function>

  <!-- Latitude and longitude in words: 39.77472° N, 64.42861° E. -->
  <xsl:function name="h:coordinates" as="xs:string">
    <xsl:param name="lat-long" as="xs:decimal*"/>
    <xsl:sequence select="abs($lat-long[1]) || '° ' || (if ($lat-long[1] lt 0) then 'S' else 'N') || ', '
                          || abs($lat-long[2]) || '° ' || (if ($lat-long[2] lt 0) then 'W' else 'E')"/>
  </xsl:function>


  <!-- A language tag for HTML's lang attribute. -->
  <xsl:template match="@xml:lang" mode="h:lang">
    <xsl:attribute name="lang" select="."/>
  </xsl:template>

  <!-- Human name of a language tag, from langUsage. -->
  <xsl:function name="h:language-name" as="xs:string">
    <xsl:param name="tag" as="xs:string"/>
    <xsl:variable name="lang" select="$ed:tei/teiHeader/profileDesc/langUsage/language[@ident = $tag]"/>
    <xsl:sequence select="(substring-before(normalize-space($lang), ':')[. ne ''],
                           replace(normalize-space($lang), '[,.].*$', '')[. ne ''], $tag)[1]"/>
  </xsl:function>

</xsl:stylesheet>
