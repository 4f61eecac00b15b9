"""An offline HTML site for leaders (`jiebang render html`): pages rendered as strings.

`layout` is the frame and stylesheet, `svg` the charts, `pages` the overview, project and person
pages. The API decides which pages there are (`api.html_site`); the CLI writes them.
"""
