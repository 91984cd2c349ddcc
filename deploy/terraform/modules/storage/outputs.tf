output "exports_bucket" {
  description = "Exports bucket name."
  value       = aws_s3_bucket.exports.id
}

output "exports_bucket_arn" {
  description = "Exports bucket ARN."
  value       = aws_s3_bucket.exports.arn
}

output "backups_bucket" {
  description = "Backups bucket name."
  value       = aws_s3_bucket.backups.id
}

output "backups_bucket_arn" {
  description = "Backups bucket ARN."
  value       = aws_s3_bucket.backups.arn
}
