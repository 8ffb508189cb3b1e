class BackfillAndEnforceWalletPriority < ActiveRecord::Migration[8.0]
  disable_ddl_transaction!

  def up
    add_check_constraint :wallets, "priority IS NOT NULL", name: "wallets_priority_not_null", validate: false
    validate_check_constraint :wallets, name: "wallets_priority_not_null"
    change_column_null :wallets, :priority, false
    remove_check_constraint :wallets, name: "wallets_priority_not_null"
  end

  def down
    change_column_null :wallets, :priority, true
  end
end
