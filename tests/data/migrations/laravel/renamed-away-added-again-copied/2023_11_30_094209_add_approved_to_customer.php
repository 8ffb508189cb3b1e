<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;
use App\Models\Customer;

return new class extends Migration
{
    public function up(): void
    {
        if (!Schema::hasColumn('customers', 'active')) {
            Schema::table('customers', function (Blueprint $table) {
                $table->renameColumn('status', 'active');
            });

            Schema::table('customers', function (Blueprint $table) {
                $table->string('status')->comment('review state')->default('approved')->after('avatar');
            });

            Customer::query()->where('active', 0)->update(['status' => 'pending']);
        }
    }

    public function down(): void
    {
        if (Schema::hasColumn('customers', 'active')) {
            Schema::table('customers', function (Blueprint $table) {
                $table->dropColumn('status');
            });

            Schema::table('customers', function (Blueprint $table) {
                $table->renameColumn('active', 'status');
            });
        }
    }
};
