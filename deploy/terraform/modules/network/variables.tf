variable "name" {
  description = "Name prefix."
  type        = string
}

variable "cidr" {
  description = "VPC CIDR block."
  type        = string
}

variable "az_count" {
  description = "Number of availability zones."
  type        = number

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 3
    error_message = "az_count must be 2 or 3: MSK and RDS need subnets in at least two zones."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones."
  type        = bool
}
