module github.com/ntm-atlas/atlas

go 1.26.0

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/paulmach/orb v0.14.0
	github.com/yuin/goldmark v1.8.7
	golang.org/x/text v0.44.0
)

require go.mongodb.org/mongo-driver/v2 v2.5.0 // indirect
