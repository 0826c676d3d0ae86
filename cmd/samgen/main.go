// Command samgen renders AWS SAM templates from CUE specs of serverless
// applications, checking them against AWS limits and best practices first.
package main

import "os"

func main() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) }
