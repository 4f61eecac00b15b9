"""Reading the office's formats (the published 榜单, spreadsheets) into register changes."""
