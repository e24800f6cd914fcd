from sdplan.cli import main

main()
