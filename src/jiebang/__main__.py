from jiebang.cli import main

main()
