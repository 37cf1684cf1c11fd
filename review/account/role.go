package account

import (
	"fmt"
	"slices"
)

// Role is a named set of rights held by a user.
type Role string

// The three administrators of 三员分立; they carry no content rights.
const (
	SysAdmin Role = "sysadmin" // 系统管理员: accounts
	SecAdmin Role = "secadmin" // 安全保密管理员: roles, lexicons, policies
	Auditor  Role = "auditor"  // 安全审计员: reads and verifies the audit trail
)

// Content roles; one user may hold several of them.
const (
	Author    Role = "author"    // 撰稿
	Approver1 Role = "approver1" // 初审
	Approver2 Role = "approver2" // 复审
	Approver3 Role = "approver3" // 终审
	Secrecy   Role = "secrecy"   // 保密审查
	Archivist Role = "archivist" // 归档
)

// AdminRoles lists the administrator roles in setup order.
var AdminRoles = []Role{SysAdmin, SecAdmin, Auditor}

// ContentRoles lists the content roles in workflow order.
var ContentRoles = []Role{Author, Approver1, Approver2, Approver3, Secrecy, Archivist}

// AllRoles lists every role, administrators first.
var AllRoles = append(slices.Clone(AdminRoles), ContentRoles...)

// Admin reports whether r is one of the three administrator roles.
func (r Role) Admin() bool { return slices.Contains(AdminRoles, r) }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(AllRoles, r) }

// Permission is one thing a user may do.
type Permission string

// Permissions checked by the screens and commands.
const (
	ManageAccounts  Permission = "accounts.manage"  // create, disable, reset, unlock
	ManageRoles     Permission = "roles.manage"     // grant and revoke roles
	ManageLexicons  Permission = "lexicons.manage"  // lexicons and protected names
	ManagePolicies  Permission = "policies.manage"  // password, lockout and review policies
	ManageChannels  Permission = "channels.manage"  // publication channels
	ReadAudit       Permission = "audit.read"       // read the audit trail
	VerifyAudit     Permission = "audit.verify"     // verify the audit chain
	ManageWorkspace Permission = "workspace.manage" // backup and restore
	WriteDraft      Permission = "draft.write"      // import, check and revise drafts
	ReadDrafts      Permission = "draft.read"       // see drafts in the workflow
	ReviewTier1     Permission = "review.tier1"     // 初审 sign-off
	ReviewTier2     Permission = "review.tier2"     // 复审 sign-off
	ReviewTier3     Permission = "review.tier3"     // 终审 sign-off
	ReviewSecrecy   Permission = "review.secrecy"   // 保密审查 sign-off
	ManageArchive   Permission = "archive.manage"   // seal, export, verify and re-scan records
	ReadArchive     Permission = "archive.read"     // search and read sealed records
	ReadStatistics  Permission = "stats.read"       // see workload and finding statistics
)

var content = []Permission{ReadDrafts, ReadArchive, ReadStatistics}

var rights = map[Role][]Permission{
	SysAdmin:  {ManageAccounts, ManageWorkspace},
	SecAdmin:  {ManageRoles, ManageLexicons, ManagePolicies, ManageChannels},
	Auditor:   {ReadAudit, VerifyAudit},
	Author:    append([]Permission{WriteDraft}, content...),
	Approver1: append([]Permission{ReviewTier1, WriteDraft}, content...),
	Approver2: append([]Permission{ReviewTier2}, content...),
	Approver3: append([]Permission{ReviewTier3}, content...),
	Secrecy:   append([]Permission{ReviewSecrecy}, content...),
	Archivist: {ManageArchive, ReadArchive, ReadStatistics},
}

// Allows reports whether any of roles grants p.
func Allows(roles []Role, p Permission) bool {
	for _, r := range roles {
		if slices.Contains(rights[r], p) {
			return true
		}
	}
	return false
}

// CheckRoles reports why a set of roles cannot be held by one person, or nil.
func CheckRoles(roles []Role) error {
	admins := 0
	for _, r := range roles {
		if !r.Valid() {
			return fmt.Errorf("role %q: %w", r, ErrUnknownRole)
		}
		if r.Admin() {
			admins++
		}
	}
	if admins > 0 && len(roles) > 1 {
		return ErrAdminExclusive
	}
	return nil
}
