<?xml version="1.0" encoding="UTF-8"?>
<!--
  data-serialize.xsl: the data writer's serialisers, included by data.xsl.

  Records are built as the W3C XML representation of JSON (elements j:map,
  j:array, j:string, j:number, j:boolean, j:null in the fn namespace, with
  @key inside maps: the format of fn:xml-to-json). From that one
  representation this module writes

  - JSON, indented by two spaces, keys in the order the record was built,
    non-ASCII kept as UTF-8, "/" not escaped (fn:xml-to-json would escape it
    and its indentation is implementation-defined, and the serialisation of
    XDM maps has no guaranteed key order: so the edition writes its own, and
    every build is byte-identical);
  - CSV (RFC 4180): one header row, one row per record, CRLF line ends on
    every row, a field quoted only when it holds a quote, a comma, CR or LF;
    a field that begins like a spreadsheet formula (=, +, -, @, tab, CR) and
    is not a plain number gets a ' before it and is quoted (OWASP's advice
    against CSV injection);
    a column is a path through the record ("birth_date" = the "date" of each
    member of the "birth" array), lists joined with "; ".

  Functions here are data-only (dx: prefix); the shared model is common.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:j="http://www.w3.org/2005/xpath-functions"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:dx="urn:x-anvar-posho-edition:data"
  exclude-result-prefixes="#all">

  <!-- ===== Building records ===== -->

  <!-- A string member (or null when the value is empty or absent). -->
  <xsl:function name="dx:string" as="element()">
    <xsl:param name="key" as="xs:string?"/>
    <xsl:param name="value" as="xs:anyAtomicType?"/>
    <xsl:choose>
      <xsl:when test="exists($value) and string($value) ne ''">
        <j:string><xsl:if test="exists($key)"><xsl:attribute name="key" select="$key"/></xsl:if><xsl:value-of select="$value"/></j:string>
      </xsl:when>
      <xsl:otherwise>
        <j:null><xsl:if test="exists($key)"><xsl:attribute name="key" select="$key"/></xsl:if></j:null>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A number member (or null). -->
  <xsl:function name="dx:number" as="element()">
    <xsl:param name="key" as="xs:string?"/>
    <xsl:param name="value" as="xs:anyAtomicType?"/>
    <xsl:choose>
      <xsl:when test="exists($value) and string($value) ne ''">
        <j:number><xsl:if test="exists($key)"><xsl:attribute name="key" select="$key"/></xsl:if><xsl:value-of select="$value"/></j:number>
      </xsl:when>
      <xsl:otherwise>
        <j:null><xsl:if test="exists($key)"><xsl:attribute name="key" select="$key"/></xsl:if></j:null>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- An array of strings (empty values dropped). -->
  <xsl:function name="dx:strings" as="element(j:array)">
    <xsl:param name="key" as="xs:string?"/>
    <xsl:param name="values" as="xs:anyAtomicType*"/>
    <j:array>
      <xsl:if test="exists($key)"><xsl:attribute name="key" select="$key"/></xsl:if>
      <xsl:sequence select="$values[string(.) ne ''] ! dx:string((), .)"/>
    </j:array>
  </xsl:function>

  <!-- An array of given members (maps, numbers...). -->
  <xsl:function name="dx:array" as="element(j:array)">
    <xsl:param name="key" as="xs:string?"/>
    <xsl:param name="members" as="element()*"/>
    <j:array>
      <xsl:if test="exists($key)"><xsl:attribute name="key" select="$key"/></xsl:if>
      <xsl:sequence select="$members"/>
    </j:array>
  </xsl:function>

  <!-- A map with the given members, in the given order. -->
  <xsl:function name="dx:map" as="element(j:map)">
    <xsl:param name="key" as="xs:string?"/>
    <xsl:param name="members" as="element()*"/>
    <j:map>
      <xsl:if test="exists($key)"><xsl:attribute name="key" select="$key"/></xsl:if>
      <xsl:sequence select="$members"/>
    </j:map>
  </xsl:function>

  <!-- ===== JSON ===== -->

  <!-- A record as a JSON text, ending with a newline. The pieces are joined
       once, at the end: joining at every level would copy the text once per
       level of nesting. -->
  <xsl:function name="dx:json" as="xs:string">
    <xsl:param name="value" as="element()"/>
    <xsl:sequence select="string-join((dx:json-value($value, ''), '&#10;'))"/>
  </xsl:function>

  <!-- A JSON value as a sequence of pieces of text, $indent the indentation of its line. -->
  <xsl:function name="dx:json-value" as="xs:string*">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:variable name="inner" select="$indent || '  '"/>
    <xsl:choose>
      <xsl:when test="$node/self::j:map">
        <xsl:if test="count(distinct-values($node/*/@key)) ne count($node/*) or $node/*[not(@key)]">
          <xsl:message terminate="yes" error-code="dx:DUPKEY">data.xsl: a JSON object has a member without a key or a duplicate key: <xsl:value-of select="$node/*/@key" separator=", "/></xsl:message>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="empty($node/*)"><xsl:sequence select="'{}'"/></xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="'{'"/>
            <xsl:for-each select="$node/*">
              <xsl:sequence select="if (position() eq 1) then '&#10;' else ',&#10;', $inner, dx:json-string(@key), ': ',
                                    dx:json-value(., $inner)"/>
            </xsl:for-each>
            <xsl:sequence select="'&#10;' || $indent || '}'"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$node/self::j:array">
        <xsl:choose>
          <xsl:when test="empty($node/*)"><xsl:sequence select="'[]'"/></xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="'['"/>
            <xsl:for-each select="$node/*">
              <xsl:sequence select="if (position() eq 1) then '&#10;' else ',&#10;', $inner, dx:json-value(., $inner)"/>
            </xsl:for-each>
            <xsl:sequence select="'&#10;' || $indent || ']'"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$node/self::j:string">
        <xsl:sequence select="dx:json-string(string($node))"/>
      </xsl:when>
      <xsl:when test="$node/self::j:number">
        <xsl:variable name="text" select="normalize-space($node)"/>
        <xsl:if test="not(matches($text, '^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+\-]?[0-9]+)?$'))">
          <xsl:message terminate="yes" error-code="dx:NUMBER">data.xsl: "<xsl:value-of select="$text"/>" (key <xsl:value-of select="$node/@key"/>) is not a JSON number</xsl:message>
        </xsl:if>
        <xsl:sequence select="$text"/>
      </xsl:when>
      <xsl:when test="$node/self::j:boolean">
        <xsl:sequence select="if (xs:boolean(normalize-space($node))) then 'true' else 'false'"/>
      </xsl:when>
      <xsl:when test="$node/self::j:null">
        <xsl:sequence select="'null'"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" error-code="dx:JSONXML">data.xsl: <xsl:value-of select="name($node)"/> is not part of the XML representation of JSON</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A JSON string literal: quote, backslash and control characters escaped. -->
  <xsl:function name="dx:json-string" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <!-- Most strings need no escape: then the regex scan is all (analyze-string costs more). -->
    <xsl:sequence select="if (matches($text, '[\\&quot;\p{Cc}]')) then dx:json-escaped($text)
                          else '&quot;' || $text || '&quot;'"/>
  </xsl:function>

  <xsl:function name="dx:json-escaped" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:analyze-string select="$text" regex="[\\&quot;\p{{Cc}}]">
        <xsl:matching-substring>
          <xsl:sequence select="
            if (. eq '\') then '\\'
            else if (. eq '&quot;') then '\&quot;'
            else if (. eq '&#10;') then '\n'
            else if (. eq '&#13;') then '\r'
            else if (. eq '&#9;') then '\t'
            else '\u' || dx:hex4(string-to-codepoints(.))"/>
        </xsl:matching-substring>
        <xsl:non-matching-substring>
          <xsl:sequence select="."/>
        </xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:sequence select="'&quot;' || string-join($parts) || '&quot;'"/>
  </xsl:function>

  <xsl:function name="dx:hex4" as="xs:string">
    <xsl:param name="code" as="xs:integer"/>
    <xsl:variable name="digits" select="'0123456789abcdef'"/>
    <xsl:sequence select="string-join(for $shift in (4096, 256, 16, 1)
      return substring($digits, ($code idiv $shift) mod 16 + 1, 1))"/>
  </xsl:function>

  <!-- ===== CSV ===== -->

  <!-- A CSV text: the header row, then one row per record; every row ends with CRLF. -->
  <xsl:function name="dx:csv" as="xs:string">
    <xsl:param name="records" as="element(j:map)*"/>
    <xsl:param name="columns" as="xs:string+"/>
    <xsl:variable name="rows" as="xs:string*" select="
      dx:csv-row($columns),
      for $record in $records return dx:csv-row(for $column in $columns return dx:cell($record, $column))"/>
    <xsl:sequence select="string-join($rows ! (. || '&#13;&#10;'))"/>
  </xsl:function>

  <xsl:function name="dx:csv-row" as="xs:string">
    <xsl:param name="fields" as="xs:string*"/>
    <xsl:sequence select="string-join($fields ! dx:csv-field(.), ',')"/>
  </xsl:function>

  <!-- The one CSV escaping function. A field that a spreadsheet would take for a
       formula (it begins with =, +, -, @, a tab or CR: CSV injection) is
       neutralised as OWASP recommends: a ' before it, and the field quoted;
       a plain number ("-12.5") is no formula and is kept as it is. Then RFC 4180:
       a field holding a quote, a comma, CR or LF is quoted, its quotes doubled. -->
  <xsl:function name="dx:csv-field" as="xs:string">
    <xsl:param name="field" as="xs:string"/>
    <xsl:variable name="formula" as="xs:boolean" select="matches($field, '^[=+\-@&#9;&#13;]')
      and not(matches($field, '^[+\-]?[0-9]+(\.[0-9]+)?$'))"/>
    <xsl:variable name="safe" select="if ($formula) then &quot;'&quot; || $field else $field"/>
    <xsl:sequence select="if ($formula or matches($safe, '[&quot;,&#13;&#10;]'))
      then '&quot;' || replace($safe, '&quot;', '&quot;&quot;') || '&quot;' else $safe"/>
  </xsl:function>

  <!-- The value of a column in a record: the column name is a path of keys
       separated by "_" (record keys never contain "_"); arrays on the way are
       entered member by member; the values found are joined with "; ".
       A column named in $dx:computed-columns (data-registers.xsl) is
       computed by its function instead. -->
  <xsl:function name="dx:cell" as="xs:string">
    <xsl:param name="record" as="element(j:map)"/>
    <xsl:param name="column" as="xs:string"/>
    <xsl:sequence select="if (map:contains($dx:computed-columns, $column)) then $dx:computed-columns($column)($record)
      else string-join(dx:values($record, tokenize($column, '_')), '; ')"/>
  </xsl:function>

  <xsl:function name="dx:values" as="xs:string*">
    <xsl:param name="nodes" as="element()*"/>
    <xsl:param name="steps" as="xs:string*"/>
    <xsl:sequence select="
      for $node in $nodes return
        if ($node/self::j:array) then dx:values($node/*, $steps)
        else if (empty($steps)) then
          (if ($node/self::j:string or $node/self::j:number or $node/self::j:boolean) then normalize-space($node) else ())
        else if ($node/self::j:map) then dx:values($node/*[@key eq $steps[1]], tail($steps))
        else ()"/>
  </xsl:function>

</xsl:stylesheet>
