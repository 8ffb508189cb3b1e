class WidenEmailKey < ActiveRecord::Migration[7.1]
  def change
    remove_index :accounts, :email, unique: true
    add_index :accounts, [:email, :organization_id], unique: true
  end
end
