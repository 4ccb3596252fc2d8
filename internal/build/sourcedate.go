package build

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

// SourceDate returns the time named by the SOURCE_DATE_EPOCH environment variable (seconds
// since 1970-01-01 UTC, https://reproducible-builds.org/specs/source-date-epoch/), or the zero
// time when it is unset or empty. A malformed value is an error, as the specification asks.
func SourceDate() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > 253402300799 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a count of seconds since 1970-01-01 UTC", v)
	}
	return time.Unix(n, 0).UTC(), nil
}
