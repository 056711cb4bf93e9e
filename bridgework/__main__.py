from bridgework.manage import main

main()
