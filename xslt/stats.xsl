<?xml version="1.0" encoding="UTF-8"?>
<!--
  stats.xsl: the counts `edition stats` reports, as the model has them; a
  JSON object (the principal result):

    kinds           [{"kind", "label", "entries", "mentions"}] for every kind
                    of the kinds table that has register entries: entries in
                    standOff; mentions = names in the text that point to one
                    (for bibliographic records: citations)
    datedMentions   the dates of the article's front matter and body, outside
                    editorial notes ($ed:dated-mentions: the chronology's dates)
    chronology      items of the chronology: events and dated mentions
    paragraphs      numbered body paragraphs (¶1 ...)
    words           words of the reading text (ed:word-count)

  The data files and the HTML registers are written from the same functions,
  so they hold the same numbers (tests/test_cross_outputs.py).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>

  <xsl:output method="json" indent="no" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:sequence select="map{
      'kinds': array{ $ed:kind-table/ed:kind[@entry ne ''] ! map{
        'kind': string(@name),
        'label': string(@plural),
        'entries': count(ed:entries(@name)),
        'mentions': sum(ed:entries(@name) ! count(ed:mentions(.)))} },
      'datedMentions': count($ed:dated-mentions),
      'chronology': count(ed:chronology()),
      'paragraphs': count($ed:paragraphs),
      'words': ed:word-count($ed:tei/text)}"/>
  </xsl:template>

</xsl:stylesheet>
