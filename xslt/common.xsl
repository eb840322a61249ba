<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: the edition's shared model, imported by every writer
  (html.xsl, print.xsl, data.xsl, stats.xsl). Everything the outputs share
  is derived here, once; the writers only serialise it. A writer that
  computes something another writer also needs is a bug: move it here.

  This module: keys, the header's facts, pointers and lookup, labels and
  sort keys, stable ids (accumulators: mentions, dates, citations, notes,
  page breaks), citable units, tables, the words of the reading text,
  places and identifiers, citations of the edition, the bibliography and
  the citation style (mode ed:citation, HTML phrase content). It includes

    model-kinds.xsl     the table of kinds: one row per kind of entry
    model-dates.xsl     dates in words, life spans, the chronology
    model-mentions.xsl  mentions by unit, anchors, keyword in context, the print index
    model-outputs.xsl   the list of outputs, published URLs, the Dublin Core record
    model-relations.xsl relations, affiliations and the provenance of facts

  each of which lists its functions, with what they return, at its top.
  tests/test_model.py calls them on small TEI documents.

  Everything is a function in the ed: namespace, a key, a template in an ed:
  mode or a global variable. Every lookup goes through xsl:key so the cost
  of a build grows linearly with the size of the source.

  The global context item must be the TEI document (the Python runner sets it).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:include href="model-kinds.xsl"/>
  <xsl:include href="model-dates.xsl"/>
  <xsl:include href="model-mentions.xsl"/>
  <xsl:include href="model-outputs.xsl"/>
  <xsl:include href="model-relations.xsl"/>
  <xsl:include href="model-cite.xsl"/>

  <!-- ===== Parameters (documented; every writer inherits them) ===== -->

  <!-- Absolute URL at which the HTML edition (output/html) is published;
       empty for a local build, in which case citations use the edition's URN
       instead of a URL. Read it as $ed:edition-url, which always ends in one
       slash (model-outputs.xsl). -->
  <xsl:param name="edition-url" as="xs:string" select="''"/>

  <!-- ===== Keys ===== -->

  <!-- Any element with an xml:id: registers, paragraphs, tables, notes. -->
  <xsl:key name="ed:by-id" match="*[@xml:id]" use="@xml:id"/>
  <!-- Mentions in the reading text (names of a kind of the kinds table), by
       the id of the entry they point to. -->
  <xsl:key name="ed:mentions" match="text//*[@ref][ed:is-mention(.)]" use="ed:id(@ref)"/>
  <!-- Citations of a bibliographic record. -->
  <xsl:key name="ed:citations" match="text//ref[@type = 'citation']" use="ed:id(@target)"/>
  <!-- Dated mentions (see $ed:dated-mentions) that correspond to an event of the register. -->
  <xsl:key name="ed:dates-of-event" match="text/front//date[@corresp][not(ancestor::note)] | text/body//date[@corresp][not(ancestor::note)]"
           use="ed:id(@corresp)"/>
  <!-- Events of the register by the place where they happened. -->
  <xsl:key name="ed:events-at" match="standOff//event[@where]" use="ed:id(@where)"/>
  <!-- Persons by the places of their birth and death. -->
  <xsl:key name="ed:lives-at" match="standOff//person" use="(birth | death)/placeName/@ref ! ed:id(.)"/>
  <!-- The printed reference that stands for a structured record. -->
  <xsl:key name="ed:printed-reference" match="back//bibl[@corresp]" use="ed:id(@corresp)"/>

  <!-- Ordinal of each mention among the mentions of the same entry, so that
       every mention gets a stable anchor (enver-12) in one linear pass. -->
  <xsl:accumulator name="ed:mention-ordinals" as="map(xs:string, xs:integer)" initial-value="map{}">
    <xsl:accumulator-rule match="text//*[@ref][ed:is-mention(.)]"
      select="let $id := ed:id(@ref) return map:put($value, $id, ($value($id), 0)[1] + 1)"/>
  </xsl:accumulator>
  <!-- Ordinal of each dated mention and of each citation of a record, for
       their anchors (d-7, cite-olcott1981-2), in the same linear pass. -->
  <xsl:accumulator name="ed:date-ordinal" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="text//date" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="ed:citation-ordinals" as="map(xs:string, xs:integer)" initial-value="map{}">
    <xsl:accumulator-rule match="text//ref[@type = 'citation']"
      select="let $id := ed:id(@target) return map:put($value, $id, ($value($id), 0)[1] + 1)"/>
  </xsl:accumulator>
  <!-- Number of each page break of the original in the text (1, 2 ...). -->
  <xsl:accumulator name="ed:page-break-ordinal" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="text//pb" select="$value + 1"/>
  </xsl:accumulator>
  <!-- Number of each editorial note of the text (1, 2 ...), in the same pass. -->
  <xsl:accumulator name="ed:note-ordinal" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="text//note[@type = 'editorial']" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:mode use-accumulators="#all"/>

  <!-- ===== Header facts, read once ===== -->

  <xsl:variable name="ed:tei" as="element(TEI)" select="/TEI"/>
  <xsl:variable name="ed:title-stmt" as="element(titleStmt)" select="$ed:tei/teiHeader/fileDesc/titleStmt"/>
  <xsl:variable name="ed:title" as="xs:string" select="normalize-space($ed:title-stmt/title[@type = 'main'])"/>
  <xsl:variable name="ed:subtitle" as="xs:string" select="normalize-space($ed:title-stmt/title[@type = 'sub'])"/>
  <xsl:variable name="ed:full-title" as="xs:string" select="$ed:title || ': ' || $ed:subtitle"/>
  <xsl:variable name="ed:short-title" as="xs:string" select="normalize-space(($ed:title-stmt/title[@type = 'short'], $ed:title)[1])"/>
  <!-- The edition as a publication (the container of the article in citation metadata). -->
  <xsl:variable name="ed:edition-title" as="xs:string" select="$ed:short-title || ' (digital edition)'"/>
  <xsl:variable name="ed:author-entry" as="element(person)?" select="key('ed:by-id', ed:id($ed:title-stmt/author/@ref), $ed:tei)"/>
  <!-- The author's name in the order the article prints it (surname first). -->
  <xsl:variable name="ed:author-name" as="xs:string" select="normalize-space($ed:title-stmt/author/persName)"/>
  <xsl:variable name="ed:author-surname" as="xs:string" select="normalize-space($ed:title-stmt/author/persName/surname)"/>
  <xsl:variable name="ed:author-forenames" as="xs:string"
    select="normalize-space(string-join($ed:title-stmt/author/persName/(forename | addName), ' '))"/>
  <!-- The author as catalogues and citation metadata invert names: "Surname, Forenames". -->
  <xsl:variable name="ed:author-inverted" as="xs:string"
    select="string-join(($ed:author-surname, $ed:author-forenames)[. ne ''], ', ')"/>
  <xsl:variable name="ed:author-affiliation" as="xs:string" select="normalize-space($ed:title-stmt/author/affiliation)"/>
  <xsl:variable name="ed:author-email" as="xs:string" select="normalize-space($ed:title-stmt/author/email)"/>
  <xsl:variable name="ed:publisher" as="xs:string" select="normalize-space($ed:tei/teiHeader/fileDesc/publicationStmt/publisher)"/>
  <!-- The edition's date: every output dates itself from this, never from the clock. -->
  <xsl:variable name="ed:edition-date" as="xs:string" select="string($ed:tei/teiHeader/fileDesc/publicationStmt/date/@when)"/>
  <xsl:variable name="ed:edition-version" as="xs:string" select="string($ed:tei/teiHeader/fileDesc/editionStmt/edition/@n)"/>
  <xsl:variable name="ed:identifier" as="xs:string" select="normalize-space($ed:tei/teiHeader/fileDesc/publicationStmt/idno[1])"/>
  <xsl:variable name="ed:licence" as="element(licence)" select="$ed:tei/teiHeader/fileDesc/publicationStmt/availability/licence[1]"/>
  <xsl:variable name="ed:licence-url" as="xs:string" select="string($ed:licence/@target)"/>
  <xsl:variable name="ed:language" as="xs:string" select="string($ed:tei/@xml:lang)"/>
  <xsl:variable name="ed:keywords" as="xs:string*"
    select="$ed:tei/teiHeader/profileDesc/textClass/keywords/term ! normalize-space(.)"/>
  <xsl:variable name="ed:abstract" as="xs:string" select="normalize-space($ed:tei/teiHeader/profileDesc/abstract)"/>

  <!-- The standoff registers (ed:entries reads the kinds table). -->
  <xsl:variable name="ed:persons" as="element(person)*" select="ed:entries('person')"/>
  <xsl:variable name="ed:places" as="element(place)*" select="ed:entries('place')"/>
  <xsl:variable name="ed:orgs" as="element(org)*" select="ed:entries('org')"/>
  <xsl:variable name="ed:events" as="element(event)*" select="ed:entries('event')"/>
  <xsl:variable name="ed:bibliography" as="element(biblStruct)*" select="ed:entries('bibl')"/>
  <!-- Body paragraphs: the citable units, numbered by @n. -->
  <xsl:variable name="ed:paragraphs" as="element(p)*" select="$ed:tei/text/body//p[@n]"/>
  <!-- Dated mentions of the article (front matter and body; not the
       reference list, not editorial notes). -->
  <xsl:variable name="ed:dated-mentions" as="element(date)*"
    select="$ed:tei/text/(front | body)//date[not(ancestor::note)]"/>

  <!-- ===== Pointers and lookup ===== -->

  <!-- The id a local pointer (#id) points to. -->
  <xsl:function name="ed:id" as="xs:string">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="replace(normalize-space($pointer), '^#', '')"/>
  </xsl:function>

  <!-- The element a local pointer (#id) points to, or the empty sequence. -->
  <xsl:function name="ed:target" as="element()?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="key('ed:by-id', ed:id($pointer), $ed:tei)"/>
  </xsl:function>

  <!-- The register entry a mention refers to. -->
  <xsl:function name="ed:entry" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="ed:target($mention/@ref)"/>
  </xsl:function>

  <!-- All mentions of a register entry in the text, in document order: the
       names that point to it; for a bibliographic record, its citations. -->
  <xsl:function name="ed:mentions" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/self::biblStruct) then ed:citations($entry)
                          else key('ed:mentions', $entry/@xml:id, $ed:tei)"/>
  </xsl:function>

  <!-- Citations of a bibliographic record, in document order. -->
  <xsl:function name="ed:citations" as="element(ref)*">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:sequence select="key('ed:citations', $record/@xml:id, $ed:tei)"/>
  </xsl:function>

  <!-- The printed reference-list entry for a structured record. -->
  <xsl:function name="ed:printed-reference" as="element(bibl)?">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:sequence select="key('ed:printed-reference', $record/@xml:id, $ed:tei)"/>
  </xsl:function>

  <!-- The events of the register that happened at a place. -->
  <xsl:function name="ed:events-at" as="element(event)*">
    <xsl:param name="place" as="element(place)"/>
    <xsl:sequence select="key('ed:events-at', $place/@xml:id, $ed:tei)"/>
  </xsl:function>

  <!-- The persons of the register born or dead at a place. -->
  <xsl:function name="ed:lives-at" as="element(person)*">
    <xsl:param name="place" as="element(place)"/>
    <xsl:sequence select="key('ed:lives-at', $place/@xml:id, $ed:tei)"/>
  </xsl:function>

  <!-- The event of the register a date corresponds to (@corresp), if any. -->
  <xsl:function name="ed:event-of" as="element(event)?">
    <xsl:param name="date" as="element(date)"/>
    <xsl:sequence select="ed:target($date/@corresp)[self::event]"/>
  </xsl:function>

  <!-- Dates in the text that correspond to an event. -->
  <xsl:function name="ed:dates-of-event" as="element(date)*">
    <xsl:param name="event" as="element(event)"/>
    <xsl:sequence select="key('ed:dates-of-event', $event/@xml:id, $ed:tei)"/>
  </xsl:function>

  <!-- ===== Labels and sorting ===== -->

  <!-- The display name of a register entry. -->
  <xsl:function name="ed:label" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="
      if ($entry/self::biblStruct) then ed:short-citation($entry)
      else normalize-space(ed:main-name($entry))"/>
  </xsl:function>

  <!-- Other names of an entry (variants, birth names, short forms), one
       element per distinct form, kept as elements so that their xml:lang
       and @type survive. -->
  <xsl:function name="ed:variant-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="label" select="ed:label($entry)"/>
    <xsl:for-each-group select="ed:names($entry)[normalize-space(.) ne $label]"
                        group-by="normalize-space(.)">
      <xsl:sequence select="current-group()[1]"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- The same as text. -->
  <xsl:function name="ed:variants" as="xs:string*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="ed:variant-names($entry) ! normalize-space(.)"/>
  </xsl:function>

  <!-- Sort key: surname, else forename, else the label; an initial article
       is ignored ("the Prophet" sorts under P). -->
  <xsl:function name="ed:sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="main" select="ed:names($entry)[@type = 'main'][1]"/>
    <xsl:variable name="key" select="
      if ($main/surname) then string-join(($main/surname, $main/forename), ' ')
      else if ($main/forename) then string($main/forename)
      else if ($entry/self::biblStruct) then string-join(($entry//author[1]/surname, ed:year($entry)), ' ')
      else ed:label($entry)"/>
    <xsl:sequence select="lower-case(replace(normalize-space($key), '^(the|a|an)\s+', '', 'i'))"/>
  </xsl:function>

  <!-- ===== Ids and locations ===== -->

  <!-- Stable anchor of a mention: the entry id and its ordinal (enver-12). -->
  <xsl:function name="ed:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="id" select="ed:id($mention/@ref)"/>
    <xsl:sequence select="'m-' || $id || '-' || $mention/accumulator-after('ed:mention-ordinals')($id)"/>
  </xsl:function>

  <!-- Stable anchor of a dated mention: d-1, d-2 ... in document order. -->
  <xsl:function name="ed:date-id" as="xs:string">
    <xsl:param name="date" as="element(date)"/>
    <xsl:sequence select="'d-' || $date/accumulator-after('ed:date-ordinal')"/>
  </xsl:function>

  <!-- Anchor of a citation: cite-<record>-<ordinal>. -->
  <xsl:function name="ed:citation-id" as="xs:string">
    <xsl:param name="ref" as="element(ref)"/>
    <xsl:variable name="id" select="ed:id($ref/@target)"/>
    <xsl:sequence select="'cite-' || $id || '-' || $ref/accumulator-after('ed:citation-ordinals')($id)"/>
  </xsl:function>

  <!-- The number of an editorial note of the text: 1, 2 ... in document order. -->
  <xsl:function name="ed:note-number" as="xs:integer">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="$note/accumulator-before('ed:note-ordinal')"/>
  </xsl:function>

  <!-- The anchor of an editorial note of the text: its xml:id, else note-N. -->
  <xsl:function name="ed:note-id" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="($note/@xml:id, 'note-' || ed:note-number($note))[1]"/>
  </xsl:function>

  <!-- The page of the original that a page break starts: the text begins on
       page 1, so the first break starts page 2. -->
  <xsl:function name="ed:original-page" as="xs:integer">
    <xsl:param name="pb" as="element(pb)"/>
    <xsl:sequence select="$pb/accumulator-before('ed:page-break-ordinal') + 1"/>
  </xsl:function>

  <!-- ===== Tables ===== -->

  <!-- The header rows of a table: the label rows it begins with. -->
  <xsl:function name="ed:table-head" as="element(row)*">
    <xsl:param name="table" as="element(table)"/>
    <xsl:sequence select="$table/row[@role = 'label'][empty(preceding-sibling::row[not(@role = 'label')])]"/>
  </xsl:function>

  <!-- What a cell heads: 'col' in a header row, 'row' for any other label
       cell (or a cell of a label row further down); empty for a data cell. -->
  <xsl:function name="ed:cell-scope" as="xs:string?">
    <xsl:param name="cell" as="element(cell)"/>
    <xsl:sequence select="if ($cell/parent::row intersect ed:table-head($cell/ancestor::table[1])) then 'col'
                          else if ($cell/@role = 'label' or $cell/parent::row/@role = 'label') then 'row'
                          else ()"/>
  </xsl:function>

  <!-- The citable unit that contains a node: a body paragraph, a table, the
       abstract, the title page, the keywords, or a printed reference. -->
  <xsl:function name="ed:unit" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor-or-self::*[self::p[@n] or self::table or self::titlePage
      or self::div[@type = ('abstract', 'keywords')] or self::bibl[@n] or self::event or self::person][1]"/>
  </xsl:function>

  <!-- The anchor id of a unit. -->
  <xsl:function name="ed:unit-id" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <!-- The title page's anchor is always "title" (the HTML's title block), whatever its xml:id. -->
    <xsl:sequence select="if ($unit/self::titlePage) then 'title'
                          else if ($unit/@xml:id) then string($unit/@xml:id) else generate-id($unit)"/>
  </xsl:function>

  <!-- The short label of a unit: ¶3, Table 1, Abstract, Title, Keywords, Ref. 6. -->
  <xsl:function name="ed:unit-label" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:sequence select="
      if ($unit/self::p) then '¶' || $unit/@n
      else if ($unit/self::table) then replace($unit/head, '^(Table\s+\d+).*$', '$1')
      else if ($unit/self::titlePage) then 'Title'
      else if ($unit/self::div[@type = 'abstract']) then 'Abstract'
      else if ($unit/self::div[@type = 'keywords']) then 'Keywords'
      else if ($unit/self::bibl) then 'Ref. ' || $unit/@n
      else ed:label($unit)"/>
  </xsl:function>

  <!-- The distinct units in which a set of mentions occur, in document order. -->
  <xsl:function name="ed:units" as="element()*">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:sequence select="$mentions ! ed:unit(.) | ()"/>
  </xsl:function>

  <!-- ===== The reading text ===== -->

  <!-- The words of a part of the text as the source prints them: split at
       white space; editorial notes, additions (reg, corr, expan, fw) and
       the description of an omission (gap) left out; a line, page or
       column break and the end of a block (paragraph, cell, heading ...)
       separate words. -->
  <xsl:function name="ed:word-count" as="xs:integer">
    <xsl:param name="part" as="element()*"/>
    <xsl:variable name="text" as="xs:string">
      <xsl:value-of><xsl:apply-templates select="$part" mode="ed:reading-text"/></xsl:value-of>
    </xsl:variable>
    <xsl:sequence select="count(tokenize($text, '[\s\p{Z}]+')[. ne ''])"/>
  </xsl:function>

  <xsl:template match="note | gap | reg | corr | expan | fw" mode="ed:reading-text"/>
  <xsl:template match="lb | pb | cb" mode="ed:reading-text"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="p | head | cell | row | table | bibl | listBibl | byline | titlePart | docTitle | titlePage
                       | div | front | body | back | list | item | label" mode="ed:reading-text">
    <xsl:apply-templates mode="ed:reading-text"/>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- ===== Places and identifiers ===== -->

  <!-- Latitude and longitude of a place (empty when it has no geo). -->
  <xsl:function name="ed:lat-long" as="xs:decimal*">
    <xsl:param name="place" as="element(place)"/>
    <xsl:sequence select="tokenize(normalize-space($place/location/geo[1]), ' ') ! xs:decimal(.)"/>
  </xsl:function>

  <!-- The URL of an authority identifier, or empty for an unknown type. -->
  <xsl:function name="ed:idno-url" as="xs:string?">
    <xsl:param name="idno" as="element(idno)"/>
    <xsl:variable name="value" select="encode-for-uri(normalize-space($idno))"/>
    <xsl:sequence select="
      if ($idno/@type = 'wikidata') then 'https://www.wikidata.org/wiki/' || $value
      else if ($idno/@type = 'geonames') then 'https://www.geonames.org/' || $value
      else if ($idno/@type = 'viaf') then 'https://viaf.org/viaf/' || $value
      else if ($idno/@type = 'gnd') then 'https://d-nb.info/gnd/' || $value
      else if ($idno/@type = 'tgn') then 'http://vocab.getty.edu/page/tgn/' || $value
      else ()"/>
  </xsl:function>

  <!-- Human name of an identifier scheme. -->
  <xsl:function name="ed:idno-label" as="xs:string">
    <xsl:param name="idno" as="element(idno)"/>
    <xsl:sequence select="(map{'wikidata': 'Wikidata', 'geonames': 'GeoNames', 'viaf': 'VIAF',
      'gnd': 'GND', 'tgn': 'Getty TGN'}(string($idno/@type)), string($idno/@type))[1]"/>
  </xsl:function>

  <!-- A URL from the source that may go into an href: http(s), mailto and
       local fragments pass; anything else (javascript:, data:, ...) becomes
       the empty sequence, so no unsafe scheme reaches the output. -->
  <xsl:function name="ed:safe-url" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="u" select="normalize-space($url)"/>
    <xsl:sequence select="$u[matches(., '^(https?://|mailto:|#)[^\s&lt;&gt;&quot;]*$', 'i')]"/>
  </xsl:function>

  <!-- ===== Bibliography ===== -->

  <xsl:function name="ed:year" as="xs:string">
    <xsl:param name="record" as="element(biblStruct)"/>
    <!-- A date of publication only: a web listing's date (type="listing") is not one. -->
    <xsl:variable name="year" select="substring(string(($record//imprint/date[not(@type = 'listing')]/@when)[1]), 1, 4)"/>
    <xsl:sequence select="if ($year ne '') then $year else 'n.d.'"/>
  </xsl:function>

  <!-- Authors of a record as "Surname, F." joined by commas and "&amp;". -->
  <xsl:function name="ed:authors" as="xs:string">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:variable name="names" select="($record/analytic/author, $record/monogr/author)
                                       ! (normalize-space(surname) || ', ' || normalize-space(forename))"/>
    <xsl:sequence select="if (count($names) le 1) then string($names)
      else string-join($names[position() lt last()], ', ') || ' &amp; ' || $names[last()]"/>
  </xsl:function>

  <!-- Short author-year label: Olcott 1981, Shahingoz &amp; Akhantaeva 2020, Rajabov et al. 2015. -->
  <xsl:function name="ed:short-citation" as="xs:string">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:variable name="surnames" select="($record/analytic/author, $record/monogr/author) ! normalize-space(surname)"/>
    <xsl:sequence select="(if (count($surnames) gt 2) then $surnames[1] || ' et al.'
      else string-join($surnames, ' &amp; ')) || ' ' || ed:year($record)"/>
  </xsl:function>

  <!-- The parts of a record as a map, for the data writers (CSL-JSON, BibTeX). -->
  <xsl:function name="ed:record-parts" as="map(xs:string, item()*)">
    <xsl:param name="record" as="element(biblStruct)"/>
    <xsl:variable name="imprint" select="$record/monogr/imprint"/>
    <xsl:sequence select="map{
      'id': string($record/@xml:id),
      'type': string($record/@type),
      'authors': ($record/analytic/author, $record/monogr/author)
                 ! map{'family': normalize-space(surname), 'given': normalize-space(forename)},
      'title': normalize-space(($record/analytic/title, $record/monogr/title)[1]),
      'container': if ($record/analytic) then normalize-space($record/monogr/title[1]) else (),
      'volume': $imprint/biblScope[@unit = 'volume'] ! normalize-space(.),
      'issue': $imprint/biblScope[@unit = 'issue'] ! normalize-space(.),
      'pages': $imprint/biblScope[@unit = 'page'] ! (if (@from and @to) then @from || '-' || @to else normalize-space(.)),
      'publisher': $imprint/publisher ! normalize-space(.),
      'place': $imprint/pubPlace ! normalize-space(.),
      'date': string($imprint/date[not(@type = 'listing')][1]/@when),
      'listed': string($imprint/date[@type = 'listing'][1]/@when),
      'year': ed:year($record)[. ne 'n.d.'],
      'url': ($record/monogr/ptr/@target ! ed:safe-url(.))[1],
      'language': string(($record//title/@xml:lang)[1])
    }"/>
  </xsl:function>

  <!-- A record in the edition's one citation style (author-date), as HTML
       phrase content: used by the register, the bibliography page and the
       print edition alike. -->
  <xsl:template match="biblStruct" mode="ed:citation">
    <xsl:variable name="parts" select="ed:record-parts(.)"/>
    <span class="citation-authors"><xsl:value-of select="ed:authors(.)"/></span>
    <xsl:text> (</xsl:text><xsl:value-of select="ed:year(.)"/><xsl:text>). </xsl:text>
    <xsl:choose>
      <xsl:when test="analytic">
        <span class="citation-title"><xsl:value-of select="$parts?title"/></span>
        <xsl:text>. </xsl:text>
        <i class="citation-container"><xsl:value-of select="$parts?container"/></i>
        <xsl:value-of select="($parts?volume ! (', ' || .), $parts?issue ! ('(' || . || ')'), $parts?pages ! (', ' || .))" separator=""/>
        <xsl:text>.</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <i class="citation-title">
          <xsl:if test="$parts?language ne ''"><xsl:attribute name="lang" select="$parts?language"/></xsl:if>
          <xsl:value-of select="$parts?title"/>
        </i>
        <xsl:text>.</xsl:text>
        <xsl:if test="exists($parts?place) or exists($parts?publisher)">
          <xsl:value-of select="' ' || string-join(($parts?place, $parts?publisher), ': ') || '.'"/>
        </xsl:if>
        <xsl:if test="exists($parts?url)">
          <xsl:text> </xsl:text>
          <a class="citation-url" href="{$parts?url}"><xsl:value-of select="$parts?url"/></a>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
