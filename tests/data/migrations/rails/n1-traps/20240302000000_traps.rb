class Traps < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    create_table :invoices do |t|
      t.string :number, null: false
      t.timestamps
    end
    add_index :invoices, :number, unique: true
    rename_column :invoices, :number, :ref
    add_column :orders, :currency, :string, null: false, default: "EUR"
    add_reference :orders, :invoice, foreign_key: true
    add_column :orders, :payer_id, :bigint
    add_foreign_key :orders, :payers
    add_index :orders, :created_at, algorithm: :concurrently
    rename_index :orders, "idx_a", "idx_b"
    change_table :orders do |t|
      t.string :memo
      t.index :memo
    end
    add_column :partners, :kind, :string
    add_check_constraint :partners, "kind IS NULL OR kind IN ('retail', 'bulk')", name: "kind_check"
    validate_check_constraint :partners, name: "partners_code_null"
    change_column_null :partners, :code, false
    reversible do |dir|
      dir.down { rename_column :orders, :comment, :note }
    end
  end
end
