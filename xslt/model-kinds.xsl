<?xml version="1.0" encoding="UTF-8"?>
<!--
  model-kinds.xsl: the table of entity kinds, included by common.xsl.

  A kind is ONE row of $ed:kind-table. Everything that differs between
  persons, places, organisations, events and bibliographic records is read
  from it: the key of mentions, the kind of an element, the labels, the
  register page, the data files, the CSS class, the sort rule, the print
  index, the pages of the site and the downloads (model-outputs.xsl).

  Adding a kind: a schema change (schema/), one row here, and the templates
  of what the writers show of it (html-registers.xsl, data-registers.xsl,
  the print writer). A kind without a page (page="") gets no register page;
  one without data="" no data files; one without mention="" is not linked
  from the text (relations, for instance).

  Columns (attributes of ed:kind):
    name           the kind's name in the model: ed:kind() returns it
    entry          local name of a register entry in standOff (list/entry)
    list           local name of the list that holds the entries
    names          local name of an entry's names (the first with type="main", else
                   the first, is its label; the others its variants)
    mention        local name of the element that names an entry in the text
    mention-type   the @type the mention element must have ('event' for name)
    pointer        the attribute of a mention that points to its entry
    singular, plural   the kind's label in English
    page           the HTML register page ('' = none)
    data           base name of the data files (NAME.json, NAME.csv) ('' = none)
    extra-data     further data files of the kind (space-separated names)
    schema-org     its schema.org type (the HTML's JSON-LD)
    class          CSS class suffix of a mention (ent-CLASS) and of an entry
    sort           how the register is ordered: surname | name | author-year (all by
                   ed:sort-key) | date (the chronology) | source (as the source has it)
    index          'yes' when the print edition's back-of-book index lists it
    highlight      'yes' when the reading edition offers a highlight toggle
    page-title     the title and navigation label of its page
    page-description   the page's meta description (%title% is the edition's title)
    description    what its data file holds

  Functions:
    ed:kind-row($kind as xs:string) as element(ed:kind)?
    ed:kind($node as element()) as xs:string      the kind of an entry or mention
    ed:kind-label($kind, $plural as xs:boolean) as xs:string
    ed:entries($kind) as element()*                the register's entries, in source order
    $ed:named-entries as element()*                the entries names in the text point to (not bibl)
    ed:register-order($kind) as element()*         the same by the kind's sort rule (by date: ed:chronology())
    ed:names($entry as element()) as element()*    an entry's names (persName, placeName ...)
    ed:main-name($entry as element()) as element()?   its main name (type="main", else the first)
    ed:is-entry($node as element()?) as xs:boolean a register entry of some kind
    ed:is-mention($node as element()) as xs:boolean   a name that points to an entry
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:variable name="ed:kind-table" as="document-node()">
    <xsl:document>
      <ed:kind name="person" entry="person" list="listPerson" names="persName" mention="persName" mention-type="" pointer="ref"
        singular="Person" plural="Persons" page="persons.html" data="persons" extra-data=""
        schema-org="Person" class="person" sort="surname" index="yes" highlight="yes"
        page-title="Persons" page-description="Register of the persons named in %title%, with their mentions in the article."
        description="Register of the persons named in the article, with every mention."/>
      <ed:kind name="place" entry="place" list="listPlace" names="placeName" mention="placeName" mention-type="" pointer="ref"
        singular="Place" plural="Places" page="places.html" data="places" extra-data="places.geojson"
        schema-org="Place" class="place" sort="name" index="yes" highlight="yes"
        page-title="Places" page-description="Register and map of the places named in %title%."
        description="Register of the places named in the article, with coordinates (WGS84) and every mention."/>
      <ed:kind name="org" entry="org" list="listOrg" names="orgName" mention="orgName" mention-type="" pointer="ref"
        singular="Organisation" plural="Organisations" page="organisations.html" data="organisations" extra-data=""
        schema-org="Organization" class="org" sort="name" index="yes" highlight="yes"
        page-title="Organisations" page-description="Register of the organisations, states and movements named in %title%."
        description="Register of the organisations, states and groups named in the article, with every mention."/>
      <ed:kind name="event" entry="event" list="listEvent" names="eventName" mention="name" mention-type="event" pointer="ref"
        singular="Event" plural="Events" page="chronology.html" data="chronology" extra-data=""
        schema-org="Event" class="event" sort="date" index="no" highlight="yes"
        page-title="Chronology" page-description="Chronology of the events and dates of %title%, with a timeline."
        description="Chronology: the events of the register and the dated mentions of the article (title page, abstract and body), by date."/>
      <!-- Dates are mentions without entries: they share the chronology with the events. -->
      <ed:kind name="date" entry="" list="" names="" mention="date" mention-type="" pointer="corresp"
        singular="Date" plural="Dates" page="chronology.html" data="chronology" extra-data=""
        schema-org="" class="date" sort="date" index="no" highlight="yes"
        page-title="Chronology" page-description="Chronology of the events and dates of %title%, with a timeline."
        description="Chronology: the events of the register and the dated mentions of the article (title page, abstract and body), by date."/>
      <ed:kind name="bibl" entry="biblStruct" list="listBibl" names="" mention="ref" mention-type="citation" pointer="target"
        singular="Reference" plural="References" page="bibliography.html" data="bibliography"
        extra-data="bibliography.csl.json bibliography.bib"
        schema-org="CreativeWork" class="bibl" sort="author-year" index="no" highlight="no"
        page-title="Bibliography" page-description="The works cited in %title%, in structured and printed form."
        description="The works cited by the article, with every citation."/>
      <!-- Relations (listRelation) are not named in the text and have no page of
           their own: the cards and register entries of their parties show them.
           Their data: relations.json/.csv, the persons' affiliations beside them,
           and the graph of all entries and links (data-relations.xsl, data-graph.xsl). -->
      <ed:kind name="relation" entry="relation" list="listRelation" names="" mention="" mention-type="" pointer=""
        singular="Relation" plural="Relations" page="" data="relations"
        extra-data="affiliations.json affiliations.csv graph.graphml"
        schema-org="" class="relation" sort="source" index="no" highlight="no"
        page-title="Relations" page-description=""
        description="Relations between the persons, organisations, places and events of the registers (social relations, participation in events, the place hierarchy), each with its dates, certainty and source."/>
    </xsl:document>
  </xsl:variable>

  <xsl:key name="ed:kind-by-name" match="ed:kind" use="@name"/>
  <xsl:key name="ed:kind-by-element" match="ed:kind" use="@entry[. ne ''], @mention[. ne '']"/>

  <!-- The entries that names in the text point to (persons, places,
       organisations, events), kind by kind in the table's order. -->
  <xsl:variable name="ed:named-entries" as="element()*"
    select="$ed:kind-table/ed:kind[@entry ne ''][@pointer eq 'ref'] ! ed:entries(@name)"/>

  <!-- The row of a kind. -->
  <xsl:function name="ed:kind-row" as="element(ed:kind)?">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="key('ed:kind-by-name', $kind, $ed:kind-table)"/>
  </xsl:function>

  <!-- The kind of a register entry or of a mention (person, place, org,
       event, date, bibl); for any other element its local name. -->
  <xsl:function name="ed:kind" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="name" select="local-name($node)"/>
    <xsl:sequence select="(key('ed:kind-by-element', $name, $ed:kind-table)
      [@entry eq $name or @mention-type eq '' or @mention-type eq string($node/@type)]/@name, $name)[1]"/>
  </xsl:function>

  <!-- Human label of a kind, singular or plural. -->
  <xsl:function name="ed:kind-label" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="plural" as="xs:boolean"/>
    <xsl:sequence select="string(ed:kind-row($kind)/(if ($plural) then @plural else @singular))"/>
  </xsl:function>

  <!-- The entries of a kind, in the order of the source. -->
  <xsl:function name="ed:entries" as="element()*">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="row" select="ed:kind-row($kind)"/>
    <xsl:sequence select="$ed:tei/standOff/*[local-name() eq $row/@list]/*[local-name() eq $row/@entry]"/>
  </xsl:function>

  <!-- A register in the order of its kind's sort rule: by ed:sort-key
       (surname, name, author and year, as ed:sort-key reads each entry);
       for the kinds sorted by date, the chronology; else in source order. -->
  <xsl:function name="ed:register-order" as="element()*">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="ed:kind-row($kind)/@sort eq 'date'">
        <xsl:sequence select="ed:chronology()"/>
      </xsl:when>
      <xsl:when test="ed:kind-row($kind)/@sort eq 'source'">
        <xsl:sequence select="ed:entries($kind)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:perform-sort select="ed:entries($kind)">
          <xsl:sort select="ed:sort-key(.)" lang="en"/>
        </xsl:perform-sort>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The names of an entry: its children named in the kind's "names" column. -->
  <xsl:function name="ed:names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" select="string(ed:kind-row(ed:kind($entry))/@names)"/>
    <xsl:sequence select="$entry/*[local-name() eq $name]"/>
  </xsl:function>

  <xsl:function name="ed:main-name" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="(ed:names($entry)[@type = 'main'], ed:names($entry))[1]"/>
  </xsl:function>

  <!-- Is this a register entry (a standoff record of a kind)? -->
  <xsl:function name="ed:is-entry" as="xs:boolean">
    <xsl:param name="node" as="element()?"/>
    <xsl:sequence select="exists($node[ancestor::standOff]) and
      exists(key('ed:kind-by-element', local-name($node), $ed:kind-table)[@entry eq local-name($node)])"/>
  </xsl:function>

  <!-- Is this a name in the text that points to a register entry (persName,
       placeName, orgName with @ref; name[@type='event'])? Dates and
       citations are mentions of their own sort (ed:dated-mentions,
       ed:citations). -->
  <xsl:function name="ed:is-mention" as="xs:boolean">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="row" select="key('ed:kind-by-element', local-name($node), $ed:kind-table)
      [@mention eq local-name($node)][@pointer eq 'ref'][@mention-type eq '' or @mention-type eq string($node/@type)]"/>
    <xsl:sequence select="exists($row) and exists($node/@ref)"/>
  </xsl:function>

</xsl:stylesheet>
