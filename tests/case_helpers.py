"""A minimal case file, formatted with an id and an expect block, for tests of case loading and scoring."""

CASE = """id: {id}
name: {{zh: 测试, en: test}}
source: {{paragraphs: [P8], quote: "很容易引发激烈的价格竞争"}}
profile: {{same_products_concentrated: yes}}
expect:
{expect}
"""
