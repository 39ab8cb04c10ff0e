from tomtat.cli import main
main()
