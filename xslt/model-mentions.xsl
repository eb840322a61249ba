<?xml version="1.0" encoding="UTF-8"?>
<!--
  model-mentions.xsl: where the article names an entry, and the print
  edition's index; included by common.xsl.

  Functions (signature: what it returns):
    ed:anchor($node as element()) as xs:string
        the stable id of a mention in the article: 'm-enver-12' for a name
        (ed:mention-id), 'd-7' for a dated mention (ed:date-id),
        'cite-olcott1981-2' for a citation (ed:citation-id)
    ed:by-unit($nodes as element()*) as array(element())*
        the nodes grouped by their citable unit (ed:unit: ¶n, Table n,
        Abstract, Title, Keywords, Ref. n), in document order; each array
        holds the nodes of one unit
    ed:kwic($node as element()) as xs:string+
        keyword in context: (up to 10 words before, the words of the node,
        up to 10 words after), from its row, paragraph, heading, title part,
        printed reference or list item, editorial notes left out; '… '
        marks a cut
    ed:kwic-text($node as element()) as xs:string
        the same as one string
    ed:mention-place($node as element()) as xs:string
        where a mention stands: 'text' (title page, abstract, keywords,
        body, tables), 'titles' (the reference list: the title of a cited
        work) or 'notes' (an editorial note)
    ed:mention-counts($entry as element()) as map(xs:string, xs:integer)
        how often an entry is named, by place: 'text', 'titles', 'notes'
        (ed:mention-place), 'all'; for an event also 'dates' (the dates
        of the article that refer to it); for a bibliographic record
        'text' counts its citations
    ed:mention-summary($entry as element()) as xs:string
        the counts in words, saying what they count: 'Named 19 times in
        the article, 4 times in titles of cited works', 'Named once in
        the article, dated 3 times', 'Named only in titles of cited works
        (2 times)', 'Not named in the article'
    ed:sort-norm($text as xs:string) as xs:string
        a text as a sort key: lower case, no diacritics, no initial article
    ed:index-heading($entry as element()) as xs:string
        an entry's name as an index heading, by one rule: 'Surname,
        Forenames' when the main name has both; 'Caliph, the' for a name
        with an initial 'the'; else the name ('Bukhara')
    ed:index-entries($kind as xs:string) as map(*)*
        the print index of one kind (person, place, org: rows with
        index="yes" in the kinds table): the entries named in the text and
        "see" references from their other names, sorted together. A "see"
        reference that would stand next to its own entry is left out. Each
        map has
          'type'      'entry' or 'see'
          'id'        the entry's xml:id
          'entry'     the entry (element)
          'heading'   ed:index-heading of the entry
          'key'       the sort key
        an 'entry' also
          'life'      ed:life-span (persons; '' for others)
          'variants'  ed:variants, the entry's other names (xs:string*)
          'mentions'  its names in the text (element()*), document order
          'forms'     when the text uses more than one form of the name:
                      one map{'form': xs:string, 'lang': xs:string?,
                      'mentions': element()*} per form, sorted; else empty
          'see-also'  other entries of the kind whose name is one of this
                      entry's names, or the other way round (element()*)
        a 'see' also
          'name'      the other name, as the register gives it
          'lang'      its xml:lang, if any (xs:string?)
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- ===== Mentions and their units ===== -->

  <xsl:function name="ed:anchor" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="if ($node/self::date) then ed:date-id($node)
                          else if ($node/self::ref) then ed:citation-id($node)
                          else ed:mention-id($node)"/>
  </xsl:function>

  <xsl:function name="ed:by-unit" as="array(element())*">
    <xsl:param name="nodes" as="element()*"/>
    <xsl:for-each-group select="$nodes" group-adjacent="generate-id(ed:unit(.))">
      <xsl:sequence select="array{ current-group() }"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- ===== Keyword in context ===== -->

  <xsl:function name="ed:kwic" as="xs:string+">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="container" select="$node/ancestor::*[self::row or self::p or self::head or self::titlePart
      or self::bibl or self::item or self::note][1]"/>
    <xsl:variable name="flat" as="xs:string">
      <xsl:value-of>
        <xsl:apply-templates select="($container, $node)[1]" mode="ed:kwic">
          <xsl:with-param name="target" select="$node" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:value-of>
    </xsl:variable>
    <xsl:variable name="before" select="substring-before($flat, '&#xE000;')"/>
    <xsl:variable name="match" select="substring-before(substring-after($flat, '&#xE000;'), '&#xE001;')"/>
    <xsl:variable name="after" select="substring-after($flat, '&#xE001;')"/>
    <xsl:variable name="words-before" select="tokenize(normalize-space($before), ' ')[. ne '']"/>
    <xsl:variable name="words-after" select="tokenize(normalize-space($after), ' ')[. ne '']"/>
    <!-- Only the last character of $before is tested: matches($before, '\s$')
         scanned the whole paragraph, once for each name in it. -->
    <xsl:sequence select="
      (if (count($words-before) gt 10) then '… ' else '') || string-join($words-before[position() gt last() - 10], ' ')
        || (if (matches(substring($before, string-length($before)), '\s')) then ' ' else ''),
      normalize-space($match),
      (if (matches($after, '^\s')) then ' ' else '') || string-join($words-after[position() le 10], ' ')
        || (if (count($words-after) gt 10) then ' …' else '')"/>
  </xsl:function>

  <xsl:function name="ed:kwic-text" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="string-join(ed:kwic($node))"/>
  </xsl:function>

  <!-- ===== What the counts count ===== -->

  <xsl:function name="ed:mention-place" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="if ($node/ancestor::note) then 'notes'
                          else if ($node/ancestor::back) then 'titles'
                          else 'text'"/>
  </xsl:function>

  <xsl:function name="ed:mention-counts" as="map(xs:string, xs:integer)">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="places" select="ed:mentions($entry) ! ed:mention-place(.)"/>
    <xsl:sequence select="map{
      'text': count($places[. eq 'text']),
      'titles': count($places[. eq 'titles']),
      'notes': count($places[. eq 'notes']),
      'all': count($places),
      'dates': if ($entry/self::event) then count(ed:dates-of-event($entry)) else 0}"/>
  </xsl:function>

  <xsl:function name="ed:mention-summary" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="counts" select="ed:mention-counts($entry)"/>
    <xsl:variable name="times" select="function($n as xs:integer) as xs:string {
      if ($n eq 1) then 'once' else if ($n eq 2) then 'twice' else $n || ' times' }"/>
    <xsl:variable name="verb" select="if ($entry/self::biblStruct) then 'Cited ' else 'Named '"/>
    <xsl:variable name="elsewhere" select="
      ($times($counts?titles) || ' in titles of cited works')[$counts?titles gt 0],
      ($times($counts?notes) || ' in editorial notes')[$counts?notes gt 0]"/>
    <xsl:variable name="parts" as="xs:string*" select="
      if ($counts?text gt 0) then ($verb || $times($counts?text) || ' in the article', $elsewhere)
      else if (exists($elsewhere)) then ($verb || 'only ' || string-join($elsewhere, ', '))
      else (),
      ('dated ' || $times($counts?dates) || ' in the article'[$counts?text eq 0])[$counts?dates gt 0]"/>
    <xsl:variable name="text" select="if (empty($parts)) then 'Not ' || lower-case($verb) || 'in the article'
      else string-join($parts, ', ')"/>
    <xsl:sequence select="upper-case(substring($text, 1, 1)) || substring($text, 2)"/>
  </xsl:function>

  <xsl:template match="*" mode="ed:kwic">
    <xsl:param name="target" as="element()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test=". is $target">&#xE000;<xsl:apply-templates mode="ed:kwic"/>&#xE001;</xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="ed:kwic"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- A note's words are not the context of the text around it; a mention
       inside a note is read with the note's own words. -->
  <xsl:template match="note" mode="ed:kwic">
    <xsl:param name="target" as="element()" tunnel="yes"/>
    <xsl:if test="some $note in $target/ancestor::note satisfies $note is ."><xsl:next-match/></xsl:if>
  </xsl:template>
  <xsl:template match="pb" mode="ed:kwic"/>
  <xsl:template match="lb" mode="ed:kwic"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="cell" mode="ed:kwic">
    <xsl:next-match/>
    <xsl:if test="following-sibling::cell"><xsl:text> · </xsl:text></xsl:if>
  </xsl:template>

  <!-- ===== Sorting and index headings ===== -->

  <xsl:function name="ed:sort-norm" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace(normalize-unicode(lower-case(replace(normalize-space($text), '^(the|a|an)\s+', '', 'i')), 'NFD'), '\p{M}', '')"/>
  </xsl:function>

  <xsl:function name="ed:index-heading" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="main" select="ed:names($entry)[@type = 'main'][1]"/>
    <xsl:variable name="label" select="ed:label($entry)"/>
    <xsl:sequence select="
      if ($main/surname and $main/(forename | addName)) then
        normalize-space($main/surname) || ', ' || normalize-space(string-join($main/(forename | addName), ' '))
      else if (matches($label, '^the\s', 'i')) then replace($label, '^(the)\s+(.*)$', '$2, $1', 'i')
      else $label"/>
  </xsl:function>

  <!-- ===== The print index ===== -->

  <xsl:function name="ed:index-entries" as="map(*)*">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="entries" select="ed:entries($kind)[exists(ed:mentions(.))]"/>
    <xsl:variable name="labels" select="$entries ! ed:label(.)"/>
    <xsl:variable name="items" as="map(*)*">
      <xsl:for-each select="$entries">
        <xsl:variable name="entry" select="."/>
        <xsl:variable name="heading" select="ed:index-heading(.)"/>
        <xsl:sequence select="map{
          'type': 'entry', 'id': string(@xml:id), 'entry': ., 'heading': $heading,
          'key': ed:sort-norm(ed:sort-key(.)) || ' ' || ed:sort-norm(ed:label(.)),
          'life': if (self::person) then ed:life-span(.) else '',
          'variants': ed:variants(.),
          'mentions': ed:mentions(.),
          'forms': ed:index-forms(ed:mentions(.)),
          'see-also': $entries[ed:label(.) = ed:variants($entry) or ed:label($entry) = ed:variants(.)] except $entry}"/>
        <xsl:for-each select="ed:variants(.)[not(. = $labels)]">
          <xsl:sequence select="map{
            'type': 'see', 'id': string($entry/@xml:id), 'entry': $entry, 'heading': $heading,
            'key': ed:sort-norm(.), 'name': .,
            'lang': (ed:names($entry)[normalize-space(.) eq current()]/@xml:lang)[1] ! string(.)}"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="sorted" select="sort($items, (), function($item) { $item?key })"/>
    <xsl:sequence select="for $i in 1 to count($sorted) return $sorted[$i][
      ?type eq 'entry'
      or not((($sorted[position() lt $i][?type eq 'entry'])[last()], ($sorted[position() gt $i][?type eq 'entry'])[1])?id = ?id)]"/>
  </xsl:function>

  <!-- The forms of a name the text uses, when there is more than one: each
       shown as the text prints it outside capitals, where it can. -->
  <xsl:function name="ed:index-forms" as="map(*)*">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:variable name="forms" as="map(*)*">
      <xsl:for-each-group select="$mentions" group-by="lower-case(normalize-space(.))">
        <xsl:sort select="ed:sort-norm(current-grouping-key())"/>
        <xsl:variable name="shown" select="(current-group()[normalize-space(.) ne upper-case(normalize-space(.))], current-group())[1]"/>
        <xsl:sequence select="map{'form': normalize-space($shown), 'lang': $shown/@xml:lang ! string(.),
                                  'mentions': current-group()}"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="$forms[count($forms) gt 1]"/>
  </xsl:function>

</xsl:stylesheet>
