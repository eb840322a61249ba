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
    html-cite.xsl       citations in Chicago, APA, MLA, BibTeX and RIS
    html-search.xsl     the offline search: its box and search-index.js
    html-network.xsl    network.html: relations and co-mentions, SVG and tables
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
  <xsl:include href="html-cite.xsl"/>
  <xsl:include href="html-search.xsl"/>
  <xsl:include href="html-network.xsl"/>

  <xsl:output method="html" version="5" html-version="5" encoding="UTF-8" indent="no"
    include-content-type="no"/>

  <!-- The pages of the edition: file, navigation label, page title. -->
  <xsl:variable name="h:pages" as="map(xs:string, xs:string)*" select="
    map{'file': 'index.html', 'nav': 'Article', 'title': ''},
    map{'file': 'persons.html', 'nav': 'Persons', 'title': 'Persons'},
    map{'file': 'places.html', 'nav': 'Places', 'title': 'Places'},
    map{'file': 'organisations.html', 'nav': 'Organisations', 'title': 'Organisations'},
    map{'file': 'chronology.html', 'nav': 'Chronology', 'title': 'Chronology'},
    map{'file': 'bibliography.html', 'nav': 'Bibliography', 'title': 'Bibliography'},
    map{'file': 'network.html', 'nav': 'Network', 'title': 'Network'},
    map{'file': 'about.html', 'nav': 'About', 'title': 'About this edition'}"/>

  <!-- ===== Entry point ===== -->

  <xsl:template match="/">
    <xsl:call-template name="h:search-index"/>
    <xsl:call-template name="h:page">
      <xsl:with-param name="file" select="'index.html'"/>
      <xsl:with-param name="class" select="'page-article'"/>
      <xsl:with-param name="content"><xsl:call-template name="h:article"/></xsl:with-param>
      <xsl:with-param name="cards"><xsl:call-template name="h:cards"/><xsl:call-template name="h:cite-templates"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="h:page">
      <xsl:with-param name="file" select="'persons.html'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="h:register">
          <xsl:with-param name="kind" select="'person'"/>
          <xsl:with-param name="entries" select="$ed:persons"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="h:page">
      <xsl:with-param name="file" select="'places.html'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="h:register">
          <xsl:with-param name="kind" select="'place'"/>
          <xsl:with-param name="entries" select="$ed:places"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="h:page">
      <xsl:with-param name="file" select="'organisations.html'"/>
      <xsl:with-param name="content">
        <xsl:call-template name="h:register">
          <xsl:with-param name="kind" select="'org'"/>
          <xsl:with-param name="entries" select="$ed:orgs"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="h:page">
      <xsl:with-param name="file" select="'chronology.html'"/>
      <xsl:with-param name="content"><xsl:call-template name="h:chronology"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="h:page">
      <xsl:with-param name="file" select="'bibliography.html'"/>
      <xsl:with-param name="content"><xsl:call-template name="h:bibliography"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="h:page">
      <xsl:with-param name="file" select="'network.html'"/>
      <xsl:with-param name="content"><xsl:call-template name="h:network"/></xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="h:page">
      <xsl:with-param name="file" select="'about.html'"/>
      <xsl:with-param name="content"><xsl:call-template name="h:about"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== The page shell ===== -->

  <xsl:template name="h:page">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="class" as="xs:string" select="'page-register'"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="cards" as="node()*" select="()"/>
    <xsl:variable name="page" select="$h:pages[?file = $file]"/>
    <xsl:result-document href="{$file}">
      <html lang="{($ed:language[. ne ''], 'en')[1]}">
        <head>
          <meta charset="utf-8"/>
          <meta name="viewport" content="width=device-width, initial-scale=1"/>
          <meta name="color-scheme" content="light dark"/>
          <title>
            <xsl:value-of select="if ($page?title ne '') then $page?title || ' · ' || $ed:short-title || ' (digital edition)'
                                  else $ed:full-title || ' · digital edition'"/>
          </title>
          <meta name="description" content="{h:page-description($file)}"/>
          <link rel="stylesheet" href="assets/edition.css"/>
          <link rel="icon" href="assets/icon.svg" type="image/svg+xml"/>
          <xsl:if test="$edition-url ne ''">
            <link rel="canonical" href="{$edition-url}{$file}"/>
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
          <xsl:if test="$file = 'index.html'">
            <a class="skip-link" href="#references">Skip to the references</a>
          </xsl:if>
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
                  <xsl:for-each select="$h:pages">
                    <li>
                      <a href="{?file}">
                        <xsl:if test="?file = $file"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                        <xsl:value-of select="?nav"/>
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

  <xsl:function name="h:page-description" as="xs:string">
    <xsl:param name="file" as="xs:string"/>
    <xsl:sequence select="
      if ($file = 'index.html') then $ed:abstract
      else if ($file = 'persons.html') then 'Register of the persons named in ' || $ed:full-title || ', with their mentions in the article.'
      else if ($file = 'places.html') then 'Register and map of the places named in ' || $ed:full-title || '.'
      else if ($file = 'organisations.html') then 'Register of the organisations, states and movements named in ' || $ed:full-title || '.'
      else if ($file = 'chronology.html') then 'Chronology of the events and dates of ' || $ed:full-title || ', with a timeline.'
      else if ($file = 'bibliography.html') then 'The works cited in ' || $ed:full-title || ', in structured and printed form.'
      else if ($file = 'network.html') then 'The persons, organisations, places and events of ' || $ed:full-title || ' and how they are related.'
      else 'How to cite the digital edition of ' || $ed:full-title || '; its editorial principles, licence and downloads.'"/>
  </xsl:function>

  <!-- ===== Metadata: Highwire Press, Dublin Core, schema.org ===== -->

  <xsl:variable name="h:pdf-url" as="xs:string"
    select="if ($edition-url ne '') then resolve-uri('../pdf/article.pdf', $edition-url) else '../pdf/article.pdf'"/>

  <xsl:template name="h:highwire">
    <meta name="citation_title" content="{$ed:full-title}"/>
    <meta name="citation_author" content="{$ed:author-surname}, {$ed:author-forenames}"/>
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
    <xsl:if test="$edition-url ne ''">
      <meta name="citation_fulltext_html_url" content="{$edition-url}index.html"/>
      <meta name="citation_public_url" content="{$edition-url}index.html"/>
    </xsl:if>
    <xsl:for-each select="$ed:bibliography">
      <xsl:variable name="p" select="ed:record-parts(.)"/>
      <meta name="citation_reference" content="{string-join((
        $p?authors ! ('citation_author=' || ?family || ', ' || ?given),
        'citation_title=' || $p?title,
        $p?container ! ((if (current()/monogr/title/@level = 'j') then 'citation_journal_title=' else 'citation_inbook_title=') || .),
        $p?volume ! ('citation_volume=' || .),
        $p?issue ! ('citation_issue=' || .),
        $p?pages ! ('citation_firstpage=' || substring-before(. || '-', '-')),
        $p?pages[contains(., '-')] ! ('citation_lastpage=' || substring-after(., '-')),
        $p?publisher ! ('citation_publisher=' || .),
        ('citation_publication_date=' || $p?year)[$p?year ne '']), '; ')}"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="h:dublin-core">
    <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/"/>
    <link rel="schema.DCTERMS" href="http://purl.org/dc/terms/"/>
    <meta name="DC.title" content="{$ed:full-title}"/>
    <meta name="DC.creator" content="{$ed:author-surname}, {$ed:author-forenames}"/>
    <xsl:for-each select="$ed:keywords">
      <meta name="DC.subject" content="{.}"/>
    </xsl:for-each>
    <meta name="DC.description" content="{$ed:abstract}"/>
    <meta name="DC.publisher" content="{$ed:publisher}"/>
    <meta name="DC.contributor" content="{$ed:publisher}"/>
    <meta name="DC.date" content="{$ed:edition-date}"/>
    <meta name="DC.type" content="Text"/>
    <meta name="DC.format" content="text/html"/>
    <meta name="DC.identifier" content="{$ed:identifier}"/>
    <meta name="DC.language" content="{$ed:language}"/>
    <meta name="DC.rights" content="{normalize-space($ed:licence)}"/>
    <xsl:if test="exists(ed:safe-url($ed:licence-url))">
      <meta name="DCTERMS.license" content="{ed:safe-url($ed:licence-url)}"/>
    </xsl:if>
    <meta name="DC.source" content="{normalize-space(string-join(($ed:tei/teiHeader/fileDesc/sourceDesc/bibl/(author, title)), '. '))}"/>
  </xsl:template>

  <!-- schema.org ScholarlyArticle, as an XDM map for JSON serialisation. -->
  <xsl:function name="h:json-ld" as="map(*)">
    <xsl:variable name="source" select="$ed:tei/teiHeader/fileDesc/sourceDesc/bibl[1]"/>
    <xsl:variable name="mentioned" select="($ed:persons, $ed:places, $ed:orgs, $ed:events)
      [exists(ed:mentions(.))][not(@xml:id = $ed:title-stmt/author/@ref ! ed:id(.))]"/>
    <xsl:sequence select="map:merge((
      map{'@context': 'https://schema.org',
          '@type': 'ScholarlyArticle',
          '@id': if ($edition-url ne '') then $edition-url || 'index.html' else $ed:identifier,
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
                'contentUrl': if ($edition-url ne '') then resolve-uri('../data/article.xml', $edition-url) else '../data/article.xml'}}},
      (map{'license': ed:safe-url($ed:licence-url)})[exists(ed:safe-url($ed:licence-url))],
      (map{'url': $edition-url || 'index.html'})[$edition-url ne '']
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
    <xsl:variable name="same" select="$entry/idno ! ed:idno-url(.) ! ed:safe-url(.)"/>
    <xsl:variable name="geo" select="if ($entry/self::place) then ed:lat-long($entry) else ()"/>
    <xsl:sequence select="map:merge((
      map{'@type': map{'person': 'Person', 'place': 'Place', 'org': 'Organization', 'event': 'Event'}($kind),
          '@id': h:entry-url($entry),
          'name': ed:label($entry)},
      (map{'alternateName': array{ ed:variants($entry) }})[exists(ed:variants($entry))],
      (map{'sameAs': array{ $same }})[exists($same)],
      (map{'geo': map{'@type': 'GeoCoordinates', 'latitude': $geo[1], 'longitude': $geo[2]}})[count($geo) = 2],
      (map{'birthDate': string($entry/birth[1]/@when)})[$entry/birth/@when],
      (map{'deathDate': string($entry/death[1]/@when)})[count($entry/death[@when]) = 1],
      (map{'startDate': ed:date-start($entry), 'endDate': ed:date-end($entry)})[$entry/self::event]
    ))"/>
  </xsl:function>

  <xsl:function name="h:json-ld-work" as="map(*)">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:variable name="p" select="ed:record-parts($record)"/>
    <xsl:sequence select="map:merge((
      map{'@type': if ($record/@type = 'book') then 'Book' else 'ScholarlyArticle',
          'name': $p?title,
          'author': array{ $p?authors ! map{'@type': 'Person', 'familyName': ?family, 'givenName': ?given,
                                             'name': ?given || ' ' || ?family} },
          'datePublished': $p?year},
      (map{'isPartOf': map{'@type': if ($record/monogr/title/@level = 'j') then 'Periodical' else 'Book',
                           'name': $p?container}})[exists($p?container)],
      (map{'volumeNumber': $p?volume})[exists($p?volume)],
      (map{'issueNumber': $p?issue})[exists($p?issue)],
      (map{'pagination': $p?pages})[exists($p?pages)],
      (map{'publisher': map{'@type': 'Organization', 'name': $p?publisher}})[exists($p?publisher)],
      (map{'url': $p?url})[exists($p?url)],
      (map{'inLanguage': $p?language})[$p?language ne '']
    ))"/>
  </xsl:function>

  <!-- JSON for a <script> element: '<' is escaped so that no '</script'
       can end the element early. -->
  <xsl:function name="h:json" as="xs:string">
    <xsl:param name="value" as="item()*"/>
    <xsl:sequence select="replace(serialize($value, map{'method': 'json', 'indent': false()}), '&lt;', '\\u003c')"/>
  </xsl:function>

  <!-- ===== Links between the pages ===== -->

  <!-- The page that holds the register of a kind. -->
  <xsl:function name="h:register-file" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="map{'person': 'persons.html', 'place': 'places.html', 'org': 'organisations.html',
      'event': 'chronology.html', 'date': 'chronology.html', 'bibl': 'bibliography.html'}($kind)"/>
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
    <xsl:sequence select="$edition-url || h:entry-href($entry)"/>
  </xsl:function>

  <!-- Is this a register entry (a standoff record with a page of its own)? -->
  <xsl:function name="h:is-entry" as="xs:boolean">
    <xsl:param name="e" as="element()?"/>
    <xsl:sequence select="exists($e[self::person or self::place or self::org or self::event or self::biblStruct][ancestor::standOff])"/>
  </xsl:function>

  <!-- The href for a TEI pointer (@target, @ref): a register entry, a place in
       the article, or an external URL that ed:safe-url lets through. -->
  <xsl:function name="h:pointer-href" as="xs:string?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:variable name="target" select="if (starts-with($p, '#')) then ed:target($p) else ()"/>
    <xsl:sequence select="
      if (h:is-entry($target)) then h:entry-href($target)
      else if (exists($target) and $target/ancestor::text) then 'index.html' || $p
      else if (starts-with($p, '#')) then ()
      else ed:safe-url($p)"/>
  </xsl:function>

  <!-- The anchor of a mention in index.html: names, dates, citations. -->
  <xsl:function name="h:anchor" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="if ($node/self::date) then ed:date-id($node)
                          else if ($node/self::ref) then ed:citation-id($node)
                          else ed:mention-id($node)"/>
  </xsl:function>

  <!-- The number of an editorial note of the text (1, 2 ...). -->
  <xsl:function name="h:note-number" as="xs:integer">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="count($note/preceding::note[@type = 'editorial'][ancestor::text]) + 1"/>
  </xsl:function>

  <xsl:function name="h:note-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="($note/@xml:id, 'note-' || h:note-number($note))[1]"/>
  </xsl:function>

  <xsl:function name="h:noteref-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="'ref-' || h:note-id($note)"/>
  </xsl:function>

  <!-- Latitude and longitude in words: 39.77472° N, 64.42861° E. -->
  <xsl:function name="h:coordinates" as="xs:string">
    <xsl:param name="lat-long" as="xs:decimal*"/>
    <xsl:sequence select="abs($lat-long[1]) || '° ' || (if ($lat-long[1] lt 0) then 'S' else 'N') || ', '
                          || abs($lat-long[2]) || '° ' || (if ($lat-long[2] lt 0) then 'W' else 'E')"/>
  </xsl:function>

  <!-- Names of an entry other than its label, one element per distinct form
       (kept as elements so that their xml:lang survives). -->
  <xsl:function name="h:variant-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="label" select="ed:label($entry)"/>
    <xsl:for-each-group select="$entry/(persName | placeName | orgName | eventName)[normalize-space(.) ne $label]"
                        group-by="normalize-space(.)">
      <xsl:sequence select="current-group()[1]"/>
    </xsl:for-each-group>
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
