"""Liquibase: changelogs in XML, YAML, JSON and formatted SQL, judged per changeSet.

``tree``/``jsonlog``/``formats``/``formatted_sql`` read each format into one ``model``;
``loading`` finds and parses the files a changelog includes; ``order`` and ``refs``
replay the changelog to know the schema before each changeSet; ``ctx``, ``sqlview``,
``destroys``, ``fixes`` and ``checks`` judge a changeSet; ``framework`` is the analyser.
"""
