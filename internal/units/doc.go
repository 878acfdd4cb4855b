// Package units reads the small language of responsibility cells — unit
// lists, roles and rules declared once — and knows what a unit is: its
// kind, its aliases and groups from the registry, and its ASCII slug.
package units
