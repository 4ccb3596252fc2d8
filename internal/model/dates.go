package model

import (
	"fmt"
	"time"
)

// ReformDate is the day the 2025 reform of commune-level units took effect.
var ReformDate = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

// Vietnam is the programme's time zone (UTC+7, no daylight saving): a build's reference day
// is the day it is there.
var Vietnam = time.FixedZone("ICT", 7*3600)

// A Reference is the day after which no date in the data can be: the build's reference
// date, and what it was taken from ("SOURCE_DATE_EPOCH", "the data's last commit", "today"),
// which the messages name.
type Reference struct {
	Date time.Time // only its year, month and day count; zero checks no date against it
	From string
}

// String is the reference day and where it comes from, as the messages put it.
func (r Reference) String() string {
	return fmt.Sprintf("the build's reference date %s (%s)", r.Date.Format("2006-01-02"), r.From)
}
