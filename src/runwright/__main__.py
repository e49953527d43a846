from runwright.cli.main import main

main()
