"""The baseline `jiebang list` is measured against: a bare Typer + Rich script printing a 30-row table."""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def main(category: str = "") -> None:
    table = Table()
    for header in ("编号", "项目", "范围", "类别", "状态"):
        table.add_column(header)
    for number in range(1, 31):
        table.add_row(str(number), f"项目{number}", "", category, "已挂帅")
    Console().print(table)


if __name__ == "__main__":
    app()
